#define _GNU_SOURCE
#include "CFloor.h"
#include <netinet/in.h>
#include <netinet/tcp.h>

int floor_accept(int listener) {
    return accept4(listener, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int floor_set_nodelay(int fd) {
    int one = 1;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int floor_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

// Edge-triggered: the loop reads until EAGAIN, so one registration serves the fd's life.
int floor_epoll_add(int epfd, int fd, int index) {
    struct epoll_event event = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data = { .u64 = (unsigned)index } };
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

int floor_epoll_wait(int epfd, struct epoll_event *events, int max) {
    return epoll_wait(epfd, events, max, -1);
}

int floor_event_index(const struct epoll_event *events, int i) { return (int)events[i].data.u64; }
unsigned floor_event_flags(const struct epoll_event *events, int i) { return events[i].events; }

int floor_epoll_poll(int epfd, struct epoll_event *events, int max) {
    return epoll_wait(epfd, events, max, 0);
}
