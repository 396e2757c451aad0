#define _GNU_SOURCE
#include "CSystem.h"
#include <netinet/in.h>
#include <netinet/tcp.h>

int lattice_accept(int listener, struct sockaddr *address, socklen_t *length) {
    return accept4(listener, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int lattice_set_nodelay(int fd) {
    int one = 1;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

int lattice_socket(int domain, int type) {
    return socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

#include <malloc.h>

int lattice_malloc_trim(void) {
    return malloc_trim(0);
}
