#ifndef FLOOR_CFLOOR_H
#define FLOOR_CFLOOR_H
// What Swift's Glibc module does not export: accept4 and epoll.
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/epoll.h>

int floor_accept(int listener);
int floor_set_nodelay(int fd);
int floor_epoll_create(void);
int floor_epoll_add(int epfd, int fd, int index);
int floor_epoll_wait(int epfd, struct epoll_event *events, int max);
int floor_epoll_poll(int epfd, struct epoll_event *events, int max);
int floor_event_index(const struct epoll_event *events, int i);
unsigned floor_event_flags(const struct epoll_event *events, int i);
#endif
