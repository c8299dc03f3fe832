#include "proc.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    pid_t pid, ppid, pgrp, session;
    char state;
} proc_stat;

static bool read_stat(const char *pid_dir, proc_stat *ps)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%s/stat", pid_dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* pid (comm) state ppid pgrp session ...; comm may hold spaces and ')' */
    char *close = strrchr(buf, ')');
    if (!close)
        return false;
    int pid = atoi(buf), ppid, pgrp, session;
    char state;
    if (sscanf(close + 1, " %c %d %d %d", &state, &ppid, &pgrp, &session) != 4)
        return false;
    ps->pid = pid;
    ps->ppid = ppid;
    ps->pgrp = pgrp;
    ps->session = session;
    ps->state = state;
    return true;
}

/* Calls fn for every process; stops early when fn returns false. */
static void for_each_process(bool (*fn)(const proc_stat *, void *), void *ud)
{
    DIR *d = opendir("/proc");
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        proc_stat ps;
        if (read_stat(e->d_name, &ps) && !fn(&ps, ud))
            break;
    }
    closedir(d);
}

bool proc_become_subreaper(void)
{
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
}

typedef struct {
    pid_t sid;
    int count;
} session_kill;

static bool kill_in_session(const proc_stat *ps, void *ud)
{
    session_kill *sk = ud;
    if (ps->session == sk->sid && ps->state != 'Z' && kill(ps->pid, SIGKILL) == 0)
        sk->count++;
    return true;
}

int proc_kill_session(pid_t sid)
{
    if (sid <= 1)
        return 0;
    session_kill sk = {sid, 0};
    for_each_process(kill_in_session, &sk);
    kill(-sid, SIGKILL); /* and its group, for anything forked meanwhile */
    return sk.count;
}

typedef struct {
    const pid_t *active;
    size_t n;
    pid_t self;
    pid_t *found;
    size_t nfound, cap;
} orphan_scan;

static bool collect_orphan(const proc_stat *ps, void *ud)
{
    orphan_scan *os = ud;
    if (ps->ppid != os->self)
        return true;
    for (size_t i = 0; i < os->n; i++)
        if (ps->session == os->active[i] || ps->pid == os->active[i])
            return true;
    if (os->nfound == os->cap) {
        os->cap = os->cap ? os->cap * 2 : 16;
        pid_t *grown = realloc(os->found, os->cap * sizeof *grown);
        if (!grown)
            return false;
        os->found = grown;
    }
    os->found[os->nfound++] = ps->pid;
    return true;
}

int proc_reap_orphans(const pid_t *active_sessions, size_t n)
{
    orphan_scan os = {active_sessions, n, getpid(), NULL, 0, 0};
    for_each_process(collect_orphan, &os);
    for (size_t i = 0; i < os.nfound; i++) {
        pid_t pid = os.found[i];
        /* its own session or group may still hold its children */
        pid_t sid = getsid(pid);
        kill(pid, SIGKILL);
        if (sid > 1 && sid != getsid(0))
            proc_kill_session(sid);
        waitpid(pid, NULL, 0);
    }
    free(os.found);
    return (int)os.nfound;
}
