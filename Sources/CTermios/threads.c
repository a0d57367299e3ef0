// Thread helpers that need _GNU_SOURCE, which Swift's Glibc module does not define: the
// serial reader thread waits with ppoll (a time-out finer than poll's milliseconds), and the
// event threads name themselves so `top -H`, `ps -L` and perf show what they are.
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <time.h>

#include "CTermios.h"

int lightbridge_ppoll(struct pollfd *fds, unsigned long count, long long timeout_ns) {
    if (timeout_ns < 0) return ppoll(fds, (nfds_t)count, NULL, NULL);
    struct timespec limit = {.tv_sec = (time_t)(timeout_ns / 1000000000LL), .tv_nsec = (long)(timeout_ns % 1000000000LL)};
    return ppoll(fds, (nfds_t)count, &limit, NULL);
}

int lightbridge_name_this_thread(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
