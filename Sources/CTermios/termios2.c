// termios2 and BOTHER live in <asm/termbits.h>, which clashes with glibc's <termios.h>, so they
// get a translation unit of their own (DESIGN.md: Glibc pitfalls).
#include <asm/termbits.h>
#include <sys/ioctl.h>
#include "CTermios.h"

int lightbridge_set_custom_baud(int fd, unsigned int baud) {
    struct termios2 tio;
    if (ioctl(fd, TCGETS2, &tio) != 0) return -1;
    tio.c_cflag &= ~CBAUD;
    tio.c_cflag |= BOTHER;
    tio.c_cflag &= ~(CBAUD << IBSHIFT);
    tio.c_cflag |= BOTHER << IBSHIFT;
    tio.c_ispeed = baud;
    tio.c_ospeed = baud;
    return ioctl(fd, TCSETS2, &tio);
}

int lightbridge_get_baud(int fd, unsigned int *baud) {
    struct termios2 tio;
    if (ioctl(fd, TCGETS2, &tio) != 0) return -1;
    *baud = tio.c_ospeed;
    return 0;
}
