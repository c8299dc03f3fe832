/* Where CPython's asyncio defines the functions refpy writes in C, per
 * version (3.8 to 3.13): the file, the def line (co_firstlineno) and the
 * line of the await a suspended coroutine shows, read from CPython's
 * Lib/asyncio sources. Reprs show them as CPython's do ("sleep() running
 * at <frozen asyncio.tasks>:665", "_run_until_complete_cb() at ...");
 * a 0 is a version that has no such function. */
#include "aio.h"

const aio_source aio_src_sleep = {"tasks.py",
    {641, 633, 593, 637, 653, 703},
    {659, 652, 605, 649, 665, 718}};
const aio_source aio_src_wait = {"tasks.py",
    {394, 373, 349, 399, 435, 424},
    {426, 413, 384, 428, 464, 451}};
const aio_source aio_src__wait = {"tasks.py",
    {506, 497, 463, 507, 522, 509},
    {534, 525, 491, 535, 550, 537}};
const aio_source aio_src_wait_for = {"tasks.py",
    {434, 421, 392, 436, 472, 459},
    {455, 442, 408, 452, 520, 507}};
const aio_source aio_src__cancel_and_wait = {"tasks.py",
    {550, 541, 507, 551, 566, 553},
    {561, 552, 518, 562, 578, 565}};
const aio_source aio_src_Event_wait = {"locks.py",
    {296, 213, 201, 200, 199, 200},
    {309, 226, 214, 213, 212, 213}};
const aio_source aio_src_Lock_acquire = {"locks.py",
    {182, 99, 93, 93, 92, 90},
    {203, 120, 114, 114, 113, 110}};
const aio_source aio_src_Semaphore_acquire = {"locks.py",
    {483, 402, 367, 364, 363, 386},
    {496, 417, 390, 387, 386, 407}};
const aio_source aio_src_Queue_get = {"queues.py",
    {154, 157, 150, 149, 149, 172},
    {163, 166, 159, 158, 158, 186}};
const aio_source aio_src_Queue_put = {"queues.py",
    {115, 118, 111, 110, 110, 125},
    {125, 128, 121, 120, 120, 139}};
const aio_source aio_src_Queue_join = {"queues.py",
    {211, 214, 207, 206, 206, 242},
    {220, 223, 216, 215, 215, 251}};
const aio_source aio_src_to_thread = {"threads.py",
    {0, 12, 12, 12, 12, 12},
    {0, 25, 25, 25, 25, 25}};
const aio_source aio_src_shutdown_default_executor = {"base_events.py",
    {0, 561, 560, 564, 584, 597},
    {0, 570, 569, 573, 598, 612}};
const aio_source aio_src_shutdown_asyncgens = {"base_events.py",
    {524, 535, 535, 539, 559, 572},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__run_until_complete_cb = {"base_events.py",
    {184, 184, 184, 180, 180, 182},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__set_result_unless_cancelled = {"futures.py",
    {284, 308, 309, 311, 311, 312},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__release_waiter = {"tasks.py",
    {429, 416, 387, 431, 467, 454},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__call_check_cancel = {"futures.py",
    {360, 384, 385, 387, 387, 386},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__call_set_state = {"futures.py",
    {367, 391, 392, 394, 394, 393},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__set_state = {"futures.py",
    {354, 378, 379, 381, 381, 380},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__on_completion = {"tasks.py",
    {518, 509, 475, 519, 534, 521},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__done_callback = {"tasks.py",
    {769, 767, 720, 764, 767, 820},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__inner_done_callback = {"tasks.py",
    {885, 890, 847, 891, 905, 958},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__outer_done_callback = {"tasks.py",
    {902, 907, 864, 908, 922, 975},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src_ac_on_completion = {"tasks.py",
    {606, 598, 558, 602, 618, 0},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src_ac_on_timeout = {"tasks.py",
    {600, 592, 552, 596, 612, 0},
    {0, 0, 0, 0, 0, 0}};
const aio_source aio_src__wrap_awaitable = {"tasks.py",
    {688, 681, 643, 687, 683, 736},
    {695, 688, 650, 694, 684, 737}};
const aio_source aio_src__wait_for_one = {"tasks.py",
    {614, 606, 566, 610, 626, 0},
    {615, 607, 567, 611, 627, 0}};
