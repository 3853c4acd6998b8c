#!/usr/bin/env bash
# The CGI's tests, every one, with zapisy.cgi as a FastCGI application: the
# same pages, the same JSON, the same statuses from a process that stays.
ZAPISY_WEB_MODE=fastcgi exec bash "$(dirname "$0")/test_cgi.sh"
