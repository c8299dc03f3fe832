/* Start-up of the object layer: every built-in type readied, then the
 * exception types made. */
#ifndef REFPY_OBJECTS_INIT_H
#define REFPY_OBJECTS_INIT_H

int r_objects_init(void);

#endif
