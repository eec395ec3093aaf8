#include "CFastDeflate.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#ifdef CFASTDEFLATE_LIBDEFLATE
#include <libdeflate.h>
#endif
#ifdef CFASTDEFLATE_ISAL
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#endif

int CFastDeflate_hasLibdeflate(void) {
#ifdef CFASTDEFLATE_LIBDEFLATE
    return 1;
#else
    return 0;
#endif
}

int CFastDeflate_hasISAL(void) {
#ifdef CFASTDEFLATE_ISAL
    return 1;
#else
    return 0;
#endif
}

void *CFastDeflate_compressorCreate(int level) {
#ifdef CFASTDEFLATE_LIBDEFLATE
    if (level < 0 || level > 12) return NULL;
    return libdeflate_alloc_compressor(level);
#else
    (void)level;
    return NULL;
#endif
}

void CFastDeflate_compressorFree(void *compressor) {
#ifdef CFASTDEFLATE_LIBDEFLATE
    if (compressor) libdeflate_free_compressor(compressor);
#else
    (void)compressor;
#endif
}

size_t CFastDeflate_compressBound(void *compressor, size_t inCount) {
#ifdef CFASTDEFLATE_LIBDEFLATE
    return libdeflate_deflate_compress_bound(compressor, inCount);
#else
    (void)compressor;
    return inCount + inCount / 8 + 64;
#endif
}

size_t CFastDeflate_compress(void *compressor, const void *in, size_t inCount, void *out, size_t outCount) {
#ifdef CFASTDEFLATE_LIBDEFLATE
    return libdeflate_deflate_compress(compressor, in, inCount, out, outCount);
#else
    (void)compressor; (void)in; (void)inCount; (void)out; (void)outCount;
    return 0;
#endif
}

void *CFastDeflate_decompressorCreate(void) {
#ifdef CFASTDEFLATE_LIBDEFLATE
    return libdeflate_alloc_decompressor();
#else
    return NULL;
#endif
}

void CFastDeflate_decompressorFree(void *decompressor) {
#ifdef CFASTDEFLATE_LIBDEFLATE
    if (decompressor) libdeflate_free_decompressor(decompressor);
#else
    (void)decompressor;
#endif
}

int CFastDeflate_decompress(
    void *decompressor, const void *in, size_t inCount, void *out, size_t outCount, size_t *inUsed, size_t *outUsed) {
    *inUsed = 0;
    *outUsed = 0;
#ifdef CFASTDEFLATE_LIBDEFLATE
    switch (libdeflate_deflate_decompress_ex(decompressor, in, inCount, out, outCount, inUsed, outUsed)) {
    case LIBDEFLATE_SUCCESS: return CFastDeflate_ok;
    case LIBDEFLATE_INSUFFICIENT_SPACE: return CFastDeflate_shortOutput;
    case LIBDEFLATE_SHORT_OUTPUT: return CFastDeflate_shortOutput;
    default:
        /* libdeflate reads past the end of a truncated stream as if it were zero bits, so a
         * truncated stream shows up as corrupt data (or as a stream ending at the last byte). */
        return CFastDeflate_badData;
    }
#else
    (void)decompressor; (void)in; (void)inCount; (void)out; (void)outCount;
    return CFastDeflate_badData;
#endif
}

/* The gzip CRC-32, chainable like zlib's crc32(): ISA-L's folding CRC (about 1.6 times
 * libdeflate's on this project's benchmark machine, BENCHMARKS.md), then libdeflate's, then
 * zlib's. All three compute the same value. */
uint32_t CFastDeflate_crc32(uint32_t crc, const void *bytes, size_t count) {
#if defined(CFASTDEFLATE_ISAL)
    return crc32_gzip_refl(crc, bytes, count);
#elif defined(CFASTDEFLATE_LIBDEFLATE)
    return libdeflate_crc32(crc, bytes, count);
#else
    const unsigned char *p = bytes;
    uLong c = crc;
    while (count > 0) {
        uInt n = count > (1u << 30) ? (1u << 30) : (uInt)count;
        c = crc32(c, p, n);
        p += n;
        count -= n;
    }
    return (uint32_t)c;
#endif
}

#ifdef CFASTDEFLATE_ISAL
struct CFastDeflate_Inflate {
    struct inflate_state state;
    /* Corrupt data was found; what was decoded before it is still being handed out. */
    int failed;
    /* How far into tmp_out_buffer this stream may have written (see CFastDeflate_inflateReset). */
    int32_t written;
};
#else
struct CFastDeflate_Inflate {
    int unused;
};
#endif

CFastDeflate_Inflate *CFastDeflate_inflateCreate(void) {
#ifdef CFASTDEFLATE_ISAL
    /* Zeroed: ISA-L's history buffer holds no other memory (see CFastDeflate_inflateReset). */
    CFastDeflate_Inflate *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    isal_inflate_init(&s->state);
    s->state.crc_flag = ISAL_DEFLATE;
    s->state.hist_bits = 0;
    s->failed = 0;
    s->written = 0;
    return s;
#else
    return NULL;
#endif
}

void CFastDeflate_inflateFree(CFastDeflate_Inflate *stream) { free(stream); }

void CFastDeflate_inflateReset(CFastDeflate_Inflate *stream) {
#ifdef CFASTDEFLATE_ISAL
    /* On a match reaching before the start of the stream ("invalid distance too far back" to
     * zlib), ISA-L writes bytes from its history buffer before it reports the error: cleared,
     * the buffer holds no byte of the previous stream (another gzip member's data would appear
     * in a corrupt one). */
    size_t dirty = (size_t)stream->written + ISAL_LOOK_AHEAD;
    if (dirty > sizeof stream->state.tmp_out_buffer) dirty = sizeof stream->state.tmp_out_buffer;
    if (stream->written > 0) memset(stream->state.tmp_out_buffer, 0, dirty);
    stream->written = 0;
    isal_inflate_reset(&stream->state);
    stream->state.crc_flag = ISAL_DEFLATE;
    stream->state.hist_bits = 0;
    stream->failed = 0;
#else
    (void)stream;
#endif
}

int CFastDeflate_inflate(
    CFastDeflate_Inflate *stream, const void *in, size_t inCount, void *out, size_t outCount, size_t *consumed,
    size_t *produced, uint8_t *returnedBytes, size_t *returned) {
    *consumed = 0;
    *produced = 0;
    *returned = 0;
#ifdef CFASTDEFLATE_ISAL
    struct inflate_state *s = &stream->state;
    if (stream->failed) {
        /* Hand out the bytes decoded before the corrupt data (ISA-L keeps up to its history
         * size of them in tmp_out_buffer), as zlib does, then report the corruption. */
        int32_t left = s->tmp_out_valid - s->tmp_out_processed;
        size_t n = left > 0 ? (size_t)left : 0;
        if (n > outCount) n = outCount;
        if (n == 0) return -1;
        memcpy(out, &s->tmp_out_buffer[s->tmp_out_processed], n);
        s->tmp_out_processed += (int32_t)n;
        *produced = n;
        return 0;
    }
    if (s->block_state == ISAL_BLOCK_FINISH) return 1;
    uint32_t inChunk = inCount > UINT32_MAX ? UINT32_MAX : (uint32_t)inCount;
    uint32_t outChunk = outCount > UINT32_MAX ? UINT32_MAX : (uint32_t)outCount;
    s->next_in = (uint8_t *)in;
    s->avail_in = inChunk;
    s->next_out = out;
    s->avail_out = outChunk;
    int rc = isal_inflate(s);
    /* The history buffer fills from its start: no further than the stream's output (plus
     * ISA-L's look-ahead, added at reset) or what it says it holds. */
    if (s->tmp_out_valid > stream->written) stream->written = s->tmp_out_valid;
    if (s->total_out > (uint32_t)stream->written) {
        stream->written = s->total_out > INT32_MAX ? INT32_MAX : (int32_t)s->total_out;
    }
    /* On corrupt data ISA-L may hand back bytes of its bit buffer that came from earlier calls,
     * leaving avail_in above what this call gave it: then this call consumed nothing. */
    *consumed = s->avail_in > inChunk ? 0 : inChunk - s->avail_in;
    *produced = outChunk - s->avail_out;
    if (rc < 0) {
        stream->failed = 1;
        if (*produced > 0) return 0;
        size_t used = *consumed;
        int drained = CFastDeflate_inflate(stream, in, 0, out, outCount, consumed, produced, returnedBytes, returned);
        *consumed = used;
        return drained;
    }
    if (s->block_state != ISAL_BLOCK_FINISH) return 0;
    /* The whole bytes left in the bit buffer follow the deflate stream (the bits below a byte
     * boundary are the end of its last byte). */
    int bits = s->read_in_length;
    if (bits >= 8) {
        uint64_t buffered = s->read_in >> (bits % 8);
        size_t n = (size_t)(bits / 8);
        for (size_t i = 0; i < n; i++) returnedBytes[i] = (uint8_t)(buffered >> (8 * i));
        *returned = n;
    }
    s->read_in = 0;
    s->read_in_length = 0;
    return 1;
#else
    (void)stream; (void)in; (void)inCount; (void)out; (void)outCount; (void)returnedBytes;
    return -1;
#endif
}
