#include "result.h"

#include <stdlib.h>

void run_result_free(run_result *r)
{
    free(r->out);
    free(r->err);
    free(r->spawn_error);
    r->out = r->err = r->spawn_error = NULL;
}

void observed_free(observed *o)
{
    free(o->exc_type);
    free(o->exc_message);
    free(o->out_text);
    free(o->err_text);
    free(o->error);
    o->exc_type = o->exc_message = o->out_text = o->err_text = o->error = NULL;
}
