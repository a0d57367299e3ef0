#ifndef LIGHTBRIDGE_CTERMIOS_H
#define LIGHTBRIDGE_CTERMIOS_H

/// Sets input and output speed of a tty to any rate in baud with termios2/BOTHER (Linux).
/// Returns 0, or -1 with errno set.
int lightbridge_set_custom_baud(int fd, unsigned int baud);

/// Reads a tty's output speed in baud through termios2. Returns 0, or -1 with errno set.
int lightbridge_get_baud(int fd, unsigned int *baud);

#endif
