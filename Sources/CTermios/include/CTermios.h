#ifndef LIGHTBRIDGE_CTERMIOS_H
#define LIGHTBRIDGE_CTERMIOS_H

/// Sets input and output speed of a tty to any rate in baud with termios2/BOTHER (Linux).
/// Returns 0, or -1 with errno set.
int lightbridge_set_custom_baud(int fd, unsigned int baud);

/// Reads a tty's output speed in baud through termios2. Returns 0, or -1 with errno set.
int lightbridge_get_baud(int fd, unsigned int *baud);

struct pollfd;

/// `ppoll` with a relative time-out in nanoseconds (negative: none) and no signal mask. Returns
/// what `ppoll` returns, with errno set on -1.
int lightbridge_ppoll(struct pollfd *fds, unsigned long count, long long timeout_ns);

/// Names the calling thread (at most 15 bytes are kept). Returns 0 or an errno value.
int lightbridge_name_this_thread(const char *name);

#endif
