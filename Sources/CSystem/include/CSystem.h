#ifndef LATTICE_CSYSTEM_H
#define LATTICE_CSYSTEM_H

/// Thin wrappers for the few socket calls that Swift's Glibc module does not export
/// (they sit behind _GNU_SOURCE or in headers it does not include). Each returns what
/// the syscall returns; errno is left for the caller to read.

#include <sys/types.h>
#include <sys/socket.h>

/// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC: one syscall per accepted connection.
int lattice_accept(int listener, struct sockaddr *address, socklen_t *length);

/// setsockopt(TCP_NODELAY): a response is written in one send, so Nagle only adds delay.
int lattice_set_nodelay(int fd);

/// socket(2) created non-blocking and close-on-exec.
int lattice_socket(int domain, int type);

/// CPUs in this thread's affinity mask (sched_getaffinity), or -1.
int lattice_affinity_cpu_count(void);

/// malloc_trim(0): hands the free memory of every malloc arena back to the kernel.
int lattice_malloc_trim(void);

/// mallopt(M_ARENA_MAX, count), unless MALLOC_ARENA_MAX is set in the environment.
int lattice_limit_malloc_arenas(int count);

/// Drops this process's mappings of the executable's code pages (madvise MADV_DONTNEED on
/// its read-only executable segments). They are clean and file-backed: code that runs again
/// faults its pages back in from the page cache. Returns the bytes advised, 0 where
/// unsupported or when the code segment was relocated in place.
long lattice_release_code_pages(void);

/// One readiness report from a kernel event set, the same shape whatever the kernel's own
/// (epoll on Linux; kqueue would fill the same fields).
struct lattice_event {
    unsigned long long token;
    unsigned int flags;   // LATTICE_EVENT_* bits
};

enum {
    LATTICE_EVENT_READABLE = 1,
    LATTICE_EVENT_WRITABLE = 2,
    /// The peer closed its side or the connection broke (EPOLLRDHUP, EPOLLHUP, EPOLLERR).
    LATTICE_EVENT_HANGUP = 4,
};

/// epoll_create1(EPOLL_CLOEXEC).
int lattice_epoll_create(void);

/// Registers `fd` edge-triggered (EPOLLIN | EPOLLRDHUP | EPOLLET), plus EPOLLOUT when
/// `writable`; events carry `token`. `op` is 0 to add, 1 to modify.
int lattice_epoll_control(int epfd, int op, int fd, unsigned long long token, int writable);

/// EPOLL_CTL_DEL.
int lattice_epoll_remove(int epfd, int fd);

/// epoll_wait with a zero timeout, at most `max` events (at most 256), converted.
int lattice_epoll_poll(int epfd, struct lattice_event *events, int max);

#endif
