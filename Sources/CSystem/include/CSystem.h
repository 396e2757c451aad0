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

/// malloc_trim(0): hands the free memory of every malloc arena back to the kernel.
int lattice_malloc_trim(void);

#endif
