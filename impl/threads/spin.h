/* Bounded spinning before a thread sleeps on a condition variable. When
 * the partner of a hand-off runs on another core, the wait then ends on a
 * cache-line change instead of a futex wake and a reschedule (tens of
 * microseconds on a virtual machine); when it does not, the waiter sleeps
 * after a few microseconds as before. Only timing changes: every wait
 * still ends on the same condition, so no Python-visible order depends on
 * it. */
#ifndef REFPY_SPIN_H
#define REFPY_SPIN_H

#define R_SPIN_LIMIT 2000

static inline void r_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* Spins while `busy` holds, at most R_SPIN_LIMIT rounds. */
#define R_SPIN_WHILE(busy)                                        \
    do {                                                          \
        for (int r_spin_i_ = 0; r_spin_i_ < R_SPIN_LIMIT && (busy); r_spin_i_++) \
            r_cpu_relax();                                        \
    } while (0)

#endif
