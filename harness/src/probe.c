#define _GNU_SOURCE /* pipe2 */
#include "probe.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

extern char **environ;

bool capture_command(char *const argv[], char *const env[], double timeout, char **out,
                     char **why)
{
    *out = NULL;
    *why = NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        *why = xasprintf("pipe: %s", strerror(errno));
        return false;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, env ? env : environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        *why = xasprintf("cannot run %s: %s", argv[0], strerror(rc));
        return false;
    }
    strbuf sb;
    sb_init(&sb);
    double deadline = now_seconds() + timeout;
    bool timed_out = false;
    for (;;) {
        double left = deadline - now_seconds();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        int pr = poll(&p, 1, (int)(left * 1000) + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            continue;
        char buf[4096];
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (sb.len < 65536)
            sb_append(&sb, buf, (size_t)n);
    }
    close(fds[0]);
    if (timed_out)
        kill(-pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!timed_out)
        kill(-pid, SIGKILL); /* anything it left in its group */
    *out = sb_take(&sb);
    if (timed_out) {
        *why = xasprintf("%s did not answer within %.0f s", argv[0], timeout);
        return false;
    }
    if (WIFSIGNALED(status)) {
        *why = xasprintf("%s was killed by signal %d", argv[0], WTERMSIG(status));
        return false;
    }
    if (WEXITSTATUS(status) != 0) {
        *why = xasprintf("%s exited with status %d", argv[0], WEXITSTATUS(status));
        return false;
    }
    return true;
}
