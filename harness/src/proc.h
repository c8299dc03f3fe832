/* Keeps runs from leaving processes behind: the harness is a child
 * subreaper, so whatever a run orphans comes back to it to be killed. */
#ifndef FSPEC_PROC_H
#define FSPEC_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Orphans of our runs are re-parented to us instead of init. */
bool proc_become_subreaper(void);
/* SIGKILLs every process whose session is sid (a run is spawned as the
 * leader of its own session). Returns how many were signalled. */
int proc_kill_session(pid_t sid);
/* Kills and reaps our children that belong to none of the active sessions:
 * processes a finished run orphaned. Returns how many were found. */
int proc_reap_orphans(const pid_t *active_sessions, size_t n);

#endif
