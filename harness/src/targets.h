/* Targets: a command line that runs one case file, the Python version it
 * implements, its environment and its known failures. */
#ifndef FSPEC_TARGETS_H
#define FSPEC_TARGETS_H

#include "diag.h"
#include "version.h"

typedef struct {
    char *case_id;
    char *reason;
    int line;
} known_entry;

typedef struct {
    char *name;
    char *file;
    char *dir;
    char *description;
    strlist executable_candidates;
    strlist argv; /* templates with {executable} {case} {targetdir} {root} */
    strlist check; /* a command that must succeed for it to count as installed */
    strlist env;   /* KEY=VALUE templates */
    char *python_decl; /* "3.12" or "probe" */
    known_entry *known;
    size_t nknown;
    strlist scope; /* case-id prefixes it implements; empty: every case */
    int deadlock_exit; /* the exit status of the target's own deadlock report; 0: none */

    /* filled by target_resolve */
    char *executable;
    bool installed;
    char *not_installed; /* why not */
    pyversion version;
} target;

bool target_load(const char *file, target *t, diagnostics *d);
void target_free(target *t);
/* Finds the executable and the version (running the probe if declared). */
void target_resolve(target *t, const char *root);
const known_entry *target_known(const target *t, const char *case_id);
/* Whether case_id is within the target's declared scope. */
bool target_in_scope(const target *t, const char *case_id);

/* argv and env for running case_path; environ minus PYTHON* plus the
 * target's env. NULL-terminated, allocated. */
char **target_argv(const target *t, const char *case_path, const char *root);
char **target_env(const target *t, const char *root);
void strv_free(char **v);

/* Every *.yaml in dir, sorted by name. */
void builtin_target_files(const char *dir, strlist *out);

#endif
