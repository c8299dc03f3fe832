/* Command-line options shared by the subcommands, and the subcommands. */
#ifndef FSPEC_CLI_H
#define FSPEC_CLI_H

#include <stdbool.h>

#include "discover.h"
#include "targets.h"

#define FSPEC_VERSION "0.1.0"
#define DEFAULT_MAX_OUTPUT (1024 * 1024)

typedef struct {
    const char *command;
    char *root;
    strlist paths;
    strlist target_args;
    case_filter filter;
    int jobs;
    size_t max_output;
    double time_scale;
    const char *reports;
    int progress; /* -1 auto (a terminal), 0 off, 1 on */
    bool subtests;
} options;

/* Targets named by the --target arguments (or the default), resolved.
 * Returns false after printing why. */
bool select_targets(const options *o, target ***out, size_t *n);
void free_targets(target **t, size_t n);
/* Case files under the options' paths (or <root>/cases). */
bool collect_case_files(const options *o, strlist *files);

int cmd_run(const options *o, bool tap_only);
int cmd_lint(const options *o);
int cmd_list(const options *o);
int cmd_targets(const options *o);
int cmd_doctor(const options *o);

#endif
