#include "profile.h"

#include <stdio.h>
#include <string.h>

r_profile_t r_profile = {12};

bool r_profile_set(const char *version)
{
    int major, minor;
    char tail;
    if (sscanf(version, "%d.%d%c", &major, &minor, &tail) != 2 || major != 3 || minor < 8 ||
        minor > 13)
        return false;
    r_profile.minor = minor;
    return true;
}
