/* External converters: fork/exec with pipes, poll with a deadline. */
#include "run.h"

#include "budget.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How often the wait looks whether the run was stopped (Ctrl-C). */
#define POLL_SLICE_MS 100

/* How much of a converter's standard error is kept for the message. */
#define STDERR_KEEP 512

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void first_line(const char *s, size_t len, char *out, size_t outlen)
{
    size_t n = 0;
    while (n < len && s[n] != '\n' && n + 1 < outlen)
        n++;
    memcpy(out, s, n);
    out[n] = '\0';
}

int zp_run_capture(const char *const argv[], size_t max_out, int timeout_s, zp_buf *out, char *err,
                   size_t errlen)
{
    int po[2], pe[2];
    if (pipe(po) < 0 || pipe(pe) < 0) {
        snprintf(err, errlen, "%s: cannot create a pipe: %s", argv[0], strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "%s: cannot start: %s", argv[0], strerror(errno));
        close(po[0]); close(po[1]); close(pe[0]); close(pe[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(po[1], STDOUT_FILENO);
        dup2(pe[1], STDERR_FILENO);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        close(po[0]); close(po[1]); close(pe[0]); close(pe[1]);
        /* a converter gets its time in CPU too, and bounded memory */
        struct rlimit cpu = { (rlim_t)timeout_s, (rlim_t)timeout_s + 1 };
        struct rlimit mem = { ZP_RUN_MAX_MEMORY, ZP_RUN_MAX_MEMORY };
        setrlimit(RLIMIT_CPU, &cpu);
        setrlimit(RLIMIT_AS, &mem);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    char errbuf[STDERR_KEEP] = "";
    size_t errlen_got = 0;
    long deadline = now_ms() + timeout_s * 1000L;
    int too_much = 0, timed_out = 0, open_fds = 2;
    struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
    char chunk[65536];
    int cancelled = 0;
    while (open_fds > 0) {
        long left = deadline - now_ms();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        /* wake up now and then to see whether the run was stopped */
        if (poll(fds, 2, left < POLL_SLICE_MS ? (int)left : POLL_SLICE_MS) < 0 && errno != EINTR)
            break;
        if (zp_budget_cancelled()) {
            cancelled = 1;
            break;
        }
        for (int k = 0; k < 2; k++) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = read(fds[k].fd, chunk, sizeof chunk);
            if (n <= 0) {
                close(fds[k].fd);
                fds[k].fd = -1;
                open_fds--;
            } else if (k == 0) {
                if (out->len + (size_t)n > max_out)
                    too_much = 1;
                else
                    zp_buf_add(out, chunk, (size_t)n);
            } else if (errlen_got + 1 < sizeof errbuf) {
                size_t take = (size_t)n < sizeof errbuf - 1 - errlen_got ? (size_t)n : sizeof errbuf - 1 - errlen_got;
                memcpy(errbuf + errlen_got, chunk, take);
                errlen_got += take;
            }
        }
        if (too_much)
            break;
    }
    if (timed_out || too_much || cancelled)
        kill(pid, SIGKILL);
    for (int k = 0; k < 2; k++)
        if (fds[k].fd >= 0)
            close(fds[k].fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (cancelled) {
        snprintf(err, errlen, "%s was stopped: the run is interrupted", argv[0]);
        return -1;
    }
    if (timed_out) {
        snprintf(err, errlen, "%s took longer than %d s and was stopped", argv[0], timeout_s);
        return -1;
    }
    if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL)) {
        snprintf(err, errlen, "%s used more than %d s of CPU and was stopped", argv[0], timeout_s);
        return -1;
    }
    if (too_much) {
        snprintf(err, errlen, "%s produced more than %zu MB of text", argv[0], max_out >> 20);
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        snprintf(err, errlen, "%s is not installed (make deps installs it)", argv[0]);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char line[STDERR_KEEP];
        first_line(errbuf, errlen_got, line, sizeof line);
        snprintf(err, errlen, "%s failed%s%s", argv[0], line[0] ? ": " : "", line);
        return -1;
    }
    return 0;
}
