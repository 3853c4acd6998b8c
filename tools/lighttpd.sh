#!/usr/bin/env bash
# Writes a lighttpd configuration that serves the search page from this
# checkout on 127.0.0.1:PORT, under var/ (the web-server config used by
# `make run` and the browser tests), and prints its path.  MODE fastcgi
# (the default) runs zapisy.cgi as FastCGI processes that stay, one a core
# (mod_fastcgi); cgi runs it once a request (mod_cgi).
#   tools/lighttpd.sh DB PORT [VARDIR] [MODE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
db=$(realpath -m "$1") port=$2 var=$(realpath -m "${3:-$root/var}") mode=${4:-fastcgi}
mkdir -p "$var/www" "$var/log"
ln -sfn "$root/bin/zapisy.cgi" "$var/www/index.cgi"
ln -sfn "$root/web/static" "$var/www/static"
conf=$var/lighttpd-$port.conf
if [ "$mode" = fastcgi ]; then
  handler='fastcgi.server = ( ".cgi" => ((
  "socket" => "'"$var/zapisy-$port.sock"'",
  "bin-path" => "'"$root/bin/zapisy.cgi"'",
  "max-procs" => '"$(nproc)"',
  "bin-environment" => (
    "ZAPISY_DB" => "'"$db"'",
    "ZAPISY_TEMPLATES" => "'"$root/web/templates"'",
    "ZAPISY_STATIC" => "static/"
  )
)) )'
  module=mod_fastcgi
else
  handler='cgi.assign = ( ".cgi" => "" )'
  module=mod_cgi
fi
cat > "$conf" <<CONF
server.modules = ( "mod_indexfile", "mod_setenv", "$module", "mod_staticfile" )
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$var/www"
server.follow-symlink = "enable"
server.errorlog = "$var/log/lighttpd-$port-error.log"
server.pid-file = "$var/lighttpd-$port.pid"
index-file.names = ( "index.cgi" )
$handler
static-file.exclude-extensions = ( ".cgi" )
setenv.add-environment = (
  "ZAPISY_DB" => "$db",
  "ZAPISY_TEMPLATES" => "$root/web/templates",
  "ZAPISY_STATIC" => "static/"
)
mimetype.assign = ( ".css" => "text/css; charset=utf-8", ".html" => "text/html; charset=utf-8" )
CONF
echo "$conf"
