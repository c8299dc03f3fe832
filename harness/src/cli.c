/* fspec: argument parsing, help texts and dispatch to the subcommands. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_main[] =
    "usage: fspec COMMAND [OPTIONS] [PATHS...]\n"
    "\n"
    "FutureSpec runs the conformance cases for Python's concurrent.futures and\n"
    "asyncio against targets (Python implementations) and reports the verdicts.\n"
    "\n"
    "commands:\n"
    "  run       run cases on targets; write reports/ (TAP, JSON, JUnit, HTML)\n"
    "  tap       run cases on targets; print TAP on stdout (for prove --exec)\n"
    "  list      print the ids of the cases that match the filters\n"
    "  lint      check case headers, the case language and target files\n"
    "  targets   list the built-in targets, installed or not, with versions\n"
    "  doctor    smoke-check one target: fspec doctor TARGET\n"
    "  help      fspec help COMMAND shows a command's options\n"
    "\n"
    "fspec --version prints the version.\n";

static const char usage_selection[] =
    "case selection:\n"
    "  PATHS                 case files or directories (default: ROOT/cases)\n"
    "  --clause ID           only cases citing this clause or a clause under it\n"
    "                        (interop.wait matches interop.wait.1); repeatable\n"
    "  --flag FLAG           only cases with this flag (threads, processes, slow)\n"
    "  --filter GLOB         only cases whose id matches (asyncio/gather-*)\n";

static const char usage_targets[] =
    "targets:\n"
    "  -t, --target T        a built-in name (fspec targets lists them), a path\n"
    "                        to a target file, a comma list, all-installed, or\n"
    "                        all; repeatable (default: all-installed)\n"
    "  -j, --jobs N          runs at once (default: the number of CPUs)\n"
    "  --max-output BYTES    bytes kept per stream and run (default 1048576);\n"
    "                        the rest is counted and reported\n"
    "  --time-scale X        multiply every deadline and hang time by X, for slow\n"
    "                        targets (default 1)\n";

static const char usage_common[] =
    "common:\n"
    "  --root DIR            the FutureSpec checkout (default: FSPEC_ROOT, else\n"
    "                        the checkout fspec was built from)\n"
    "  -h, --help            this help\n";

static void print_help(const char *command)
{
    if (!command) {
        fputs(usage_main, stdout);
        return;
    }
    if (strcmp(command, "run") == 0) {
        fputs("usage: fspec run [OPTIONS] [PATHS...]\n\n"
              "Runs every selected case on every selected target, prints progress on a\n"
              "terminal and a summary per target, and ends with 'N passed, N failed' (and\n"
              "', N skipped'). Writes REPORTS/tap/TARGET.tap, REPORTS/results.json,\n"
              "REPORTS/junit.xml and REPORTS/matrix.html. Exit status: 0 when every run\n"
              "matched or is a declared known failure, 1 when any failed, 2 on bad usage\n"
              "or input, 130 when interrupted (reports are still written).\n\n",
              stdout);
        fputs(usage_selection, stdout);
        fputs(usage_targets, stdout);
        fputs("reports:\n"
              "  --reports DIR         where to write reports (default: ROOT/reports)\n"
              "  --progress, --no-progress\n"
              "                        force the progress line on or off (default: on\n"
              "                        when stderr is a terminal)\n\n",
              stdout);
        fputs(usage_common, stdout);
    } else if (strcmp(command, "tap") == 0) {
        fputs("usage: fspec tap [OPTIONS] [PATHS...]\n\n"
              "Prints TAP version 13 on stdout: a plan, then one test point per case and\n"
              "target, with YAML diagnostics (expected, got, stdout and stderr excerpts,\n"
              "duration) for failures. Skipped cases are '# SKIP', declared known\n"
              "failures '# TODO'. For prove:\n"
              "  prove --ext .py --exec 'fspec tap --target cpython-3.12' -r cases\n"
              "Exit status as for run.\n\n",
              stdout);
        fputs(usage_selection, stdout);
        fputs(usage_targets, stdout);
        fputs("output:\n"
              "  --subtests            TAP version 14 with one subtest per target\n\n",
              stdout);
        fputs(usage_common, stdout);
    } else if (strcmp(command, "list") == 0) {
        fputs("usage: fspec list [OPTIONS] [PATHS...]\n\n"
              "Prints one case id per line. Files with invalid headers are listed too,\n"
              "and their errors are printed on stderr (exit status 1).\n\n",
              stdout);
        fputs(usage_selection, stdout);
        fputs("\n", stdout);
        fputs(usage_common, stdout);
    } else if (strcmp(command, "lint") == 0) {
        fputs("usage: fspec lint [OPTIONS] [PATHS...]\n\n"
              "Checks every case header (every key, the clause ids against spec/), the\n"
              "case language (spec/case-language.md, Lint tables), and every built-in\n"
              "target file (known: entries name existing cases and give a reason).\n"
              "Without PATHS it also checks that every clause has a case. Problems are\n"
              "printed as file:line:col: message; exit status 1 when there are any.\n\n",
              stdout);
        fputs(usage_common, stdout);
    } else if (strcmp(command, "targets") == 0) {
        fputs("usage: fspec targets [OPTIONS]\n\n"
              "Lists the built-in targets (ROOT/harness/targets/*.yaml): name, whether\n"
              "it is installed, the Python version it implements, its executable.\n\n",
              stdout);
        fputs(usage_common, stdout);
    } else if (strcmp(command, "doctor") == 0) {
        fputs("usage: fspec doctor TARGET [OPTIONS]\n\n"
              "Smoke-checks one target: finds its executable, asks its version, and runs\n"
              "the smoke cases in ROOT/harness/doctor (a clean exit, a traceback, a\n"
              "hang the harness must kill, a controlled environment). Exit status 0 when\n"
              "all of them behave.\n\n",
              stdout);
        fputs(usage_common, stdout);
    } else {
        fprintf(stderr, "fspec: no command '%s'\n", command);
        fputs(usage_main, stderr);
    }
}

static bool is_root(const char *dir)
{
    char *p = xasprintf("%s/harness/targets", dir);
    struct stat st;
    bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok;
}

static char *find_root(const char *given)
{
    if (given)
        return is_root(given) ? realpath(given, NULL) : NULL;
    const char *env = getenv("FSPEC_ROOT");
    if (env && *env)
        return is_root(env) ? realpath(env, NULL) : NULL;
#ifdef FSPEC_SOURCE_DIR
    if (is_root(FSPEC_SOURCE_DIR))
        return realpath(FSPEC_SOURCE_DIR, NULL);
#endif
    /* build/bin/fspec -> the checkout two levels up */
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash)
            *slash = '\0';
        char *cand = xasprintf("%s/../..", self);
        char *r = is_root(cand) ? realpath(cand, NULL) : NULL;
        free(cand);
        return r;
    }
    return NULL;
}

static bool parse_number(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || v < lo || v > hi) {
        fprintf(stderr, "fspec: %s needs a number from %g to %g, not '%s'\n", opt, lo, hi, s);
        return false;
    }
    *out = v;
    return true;
}

enum {
    OPT_CLAUSE = 1000,
    OPT_FLAG,
    OPT_FILTER,
    OPT_REPORTS,
    OPT_MAX_OUTPUT,
    OPT_ROOT,
    OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_SUBTESTS,
    OPT_TIME_SCALE,
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("fspec %s\n", FSPEC_VERSION);
        return 0;
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        print_help(NULL);
        return 0;
    }
    if (strcmp(cmd, "help") == 0) {
        print_help(argc > 2 ? argv[2] : NULL);
        return 0;
    }
    static const char *const commands[] = {"run", "tap", "list", "lint", "targets", "doctor",
                                           NULL};
    bool known = false;
    for (int i = 0; commands[i]; i++)
        if (strcmp(cmd, commands[i]) == 0)
            known = true;
    if (!known) {
        fprintf(stderr, "fspec: unknown command '%s' (fspec --help lists them)\n", cmd);
        return 2;
    }

    options o;
    memset(&o, 0, sizeof o);
    o.command = cmd;
    o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (o.jobs < 1)
        o.jobs = 1;
    o.max_output = DEFAULT_MAX_OUTPUT;
    o.time_scale = 1.0;
    o.progress = -1;
    const char *root_arg = NULL;

    static const struct option longopts[] = {
        {"target", required_argument, NULL, 't'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {"clause", required_argument, NULL, OPT_CLAUSE},
        {"flag", required_argument, NULL, OPT_FLAG},
        {"filter", required_argument, NULL, OPT_FILTER},
        {"reports", required_argument, NULL, OPT_REPORTS},
        {"max-output", required_argument, NULL, OPT_MAX_OUTPUT},
        {"root", required_argument, NULL, OPT_ROOT},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
        {"subtests", no_argument, NULL, OPT_SUBTESTS},
        {"time-scale", required_argument, NULL, OPT_TIME_SCALE},
        {NULL, 0, NULL, 0},
    };
    optind = 2;
    int c;
    double num;
    while ((c = getopt_long(argc, argv, "t:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 't': sl_push(&o.target_args, optarg); break;
        case 'j':
            if (!parse_number("--jobs", optarg, 1, 256, &num))
                return 2;
            o.jobs = (int)num;
            break;
        case 'h': print_help(cmd); return 0;
        case OPT_CLAUSE: sl_push(&o.filter.clauses, optarg); break;
        case OPT_FLAG: sl_push(&o.filter.flags, optarg); break;
        case OPT_FILTER: sl_push(&o.filter.globs, optarg); break;
        case OPT_REPORTS: o.reports = optarg; break;
        case OPT_MAX_OUTPUT:
            if (!parse_number("--max-output", optarg, 1024, 1e9, &num))
                return 2;
            o.max_output = (size_t)num;
            break;
        case OPT_ROOT: root_arg = optarg; break;
        case OPT_PROGRESS: o.progress = 1; break;
        case OPT_NO_PROGRESS: o.progress = 0; break;
        case OPT_SUBTESTS: o.subtests = true; break;
        case OPT_TIME_SCALE:
            if (!parse_number("--time-scale", optarg, 0.1, 100, &o.time_scale))
                return 2;
            break;
        default:
            fprintf(stderr, "fspec: see 'fspec help %s'\n", cmd);
            return 2;
        }
    }
    /* options may also follow the paths: getopt stopped at the first path */
    for (int i = optind; i < argc; i++)
        sl_push(&o.paths, argv[i]);
    if (o.paths.n && strcmp(cmd, "run") != 0 && strcmp(cmd, "tap") != 0 &&
        strcmp(cmd, "list") != 0 && strcmp(cmd, "lint") != 0 && strcmp(cmd, "doctor") != 0) {
        fprintf(stderr, "fspec %s: takes no paths ('%s')\n", cmd, o.paths.items[0]);
        return 2;
    }
    o.root = find_root(root_arg);
    if (!o.root) {
        fprintf(stderr,
                "fspec: cannot find the FutureSpec checkout (a directory with "
                "harness/targets); give --root DIR or set FSPEC_ROOT\n");
        return 2;
    }

    int rc;
    if (strcmp(cmd, "run") == 0)
        rc = cmd_run(&o, false);
    else if (strcmp(cmd, "tap") == 0)
        rc = cmd_run(&o, true);
    else if (strcmp(cmd, "list") == 0)
        rc = cmd_list(&o);
    else if (strcmp(cmd, "lint") == 0)
        rc = cmd_lint(&o);
    else if (strcmp(cmd, "targets") == 0)
        rc = cmd_targets(&o);
    else
        rc = cmd_doctor(&o);
    free(o.root);
    sl_free(&o.paths);
    sl_free(&o.target_args);
    sl_free(&o.filter.clauses);
    sl_free(&o.filter.flags);
    sl_free(&o.filter.globs);
    return rc;
}
