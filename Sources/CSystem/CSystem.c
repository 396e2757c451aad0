#define _GNU_SOURCE
#include "CSystem.h"
#include <errno.h>
#include <stdlib.h>
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

int lattice_limit_malloc_arenas(int count) {
    if (getenv("MALLOC_ARENA_MAX") != NULL) return 0;  // the operator's choice stands
    return mallopt(M_ARENA_MAX, count);
}

#ifdef __linux__
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

/// dl_iterate_phdr reports the executable first: advise its read-only executable segments
/// and stop. A segment the dynamic linker wrote to (text relocations) is left alone, since
/// dropping its pages would bring back the unrelocated bytes.
static int release_executable_code(struct dl_phdr_info *info, size_t size, void *released) {
    (void)size;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_DYNAMIC) continue;
        for (const ElfW(Dyn) *entry = (const ElfW(Dyn) *)(info->dlpi_addr + header->p_vaddr); entry->d_tag != DT_NULL; entry++) {
            if (entry->d_tag == DT_TEXTREL || (entry->d_tag == DT_FLAGS && (entry->d_un.d_val & DF_TEXTREL))) return 1;
        }
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_LOAD || !(header->p_flags & PF_X) || (header->p_flags & PF_W)) continue;
        uintptr_t start = (info->dlpi_addr + header->p_vaddr + page - 1) & ~(page - 1);
        uintptr_t end = (info->dlpi_addr + header->p_vaddr + header->p_filesz) & ~(page - 1);
        if (end > start && madvise((void *)start, end - start, MADV_DONTNEED) == 0) {
            *(size_t *)released += end - start;
        }
    }
    return 1;
}

long lattice_release_code_pages(void) {
    size_t released = 0;
    dl_iterate_phdr(release_executable_code, &released);
    return (long)released;
}
#else
long lattice_release_code_pages(void) { return 0; }
#endif

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
