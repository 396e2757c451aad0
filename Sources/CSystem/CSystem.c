#define _GNU_SOURCE
#include "CSystem.h"
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#ifdef __linux__
#include <sys/epoll.h>
#endif

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
#include <sched.h>

int lattice_affinity_cpu_count(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return -1;
    return CPU_COUNT(&set);
}

int lattice_malloc_trim(void) {
    return malloc_trim(0);
}

#ifdef __linux__
int lattice_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int lattice_epoll_control(int epfd, int op, int fd, unsigned long long token, int writable) {
    struct epoll_event event = {
        .events = EPOLLIN | EPOLLRDHUP | EPOLLET | (writable ? EPOLLOUT : 0),
        .data = { .u64 = token },
    };
    return epoll_ctl(epfd, op == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
}

int lattice_epoll_remove(int epfd, int fd) {
    struct epoll_event unused = { 0 };  // kernels before 2.6.9 wanted a non-null pointer
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &unused);
}

int lattice_epoll_poll(int epfd, struct lattice_event *events, int max) {
    struct epoll_event ready[256];
    if (max > 256) max = 256;
    int count;
    do {
        count = epoll_wait(epfd, ready, max, 0);
    } while (count < 0 && errno == EINTR);
    for (int i = 0; i < count; i++) {
        unsigned int flags = 0;
        if (ready[i].events & EPOLLIN) flags |= LATTICE_EVENT_READABLE;
        if (ready[i].events & EPOLLOUT) flags |= LATTICE_EVENT_WRITABLE;
        if (ready[i].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) flags |= LATTICE_EVENT_HANGUP;
        events[i].token = ready[i].data.u64;
        events[i].flags = flags;
    }
    return count;
}
#endif
