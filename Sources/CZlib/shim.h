#include <zlib.h>

/// deflateInit2 is a macro in zlib.h; Swift cannot call macros, so wrap it.
static inline int lattice_deflate_init_gzip(z_streamp stream, int level) {
    /* windowBits 15 + 16 selects the gzip wrapper; memLevel 8 is zlib's default. */
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// For streamed responses, which may be many at once: a 16 KiB window and memLevel 6 keep a
/// stream's deflate state near 64 KiB instead of 256 KiB, for slightly larger output.
static inline int lattice_deflate_init_gzip_small(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 14 + 16, 6, Z_DEFAULT_STRATEGY);
}

static inline int lattice_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
