/* logging.lastResort: a record logged with logging unconfigured (asyncio's
 * and concurrent.futures' loggers) is written to sys.stderr as it stands
 * at that moment: the bare message, then exc's formatted traceback when
 * there is one (Formatter.formatException). */
#ifndef REFPY_LOG_LAST_RESORT_H
#define REFPY_LOG_LAST_RESORT_H

#include "object.h"

/* Any exception pending is kept; nothing is raised. */
void r_log_last_resort(RObject *message, RObject *exc);

#endif
