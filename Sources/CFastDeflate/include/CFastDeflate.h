#ifndef CFASTDEFLATE_H
#define CFASTDEFLATE_H
/* The faster deflate libraries perflog uses when they were found at build time: libdeflate
 * (whole-buffer compression, whole-member decompression, CRC-32) and ISA-L (streaming inflate).
 * This header declares the same functions in every build; when a library was absent, its
 * functions report that (CFastDeflate_hasLibdeflate() == 0, a create call returns NULL) and the
 * callers use zlib. Package.swift defines CFASTDEFLATE_LIBDEFLATE / CFASTDEFLATE_ISAL. */
#include <stddef.h>
#include <stdint.h>

/* 1 when the library was compiled in. */
int CFastDeflate_hasLibdeflate(void);
int CFastDeflate_hasISAL(void);

/* libdeflate compression: raw deflate, whole buffer. NULL when unavailable or the level is invalid. */
void *CFastDeflate_compressorCreate(int level);
void CFastDeflate_compressorFree(void *compressor);
size_t CFastDeflate_compressBound(void *compressor, size_t inCount);
/* Returns the compressed size, or 0 when `outCount` is too small. */
size_t CFastDeflate_compress(void *compressor, const void *in, size_t inCount, void *out, size_t outCount);

/* libdeflate decompression of one complete raw-deflate stream. */
enum {
    CFastDeflate_ok = 0,
    CFastDeflate_badData = 1,
    CFastDeflate_shortOutput = 2,
    CFastDeflate_shortInput = 3
};
void *CFastDeflate_decompressorCreate(void);
void CFastDeflate_decompressorFree(void *decompressor);
/* Decompresses the stream at the start of `in` into `out`; on CFastDeflate_ok, `*inUsed` is
 * where the stream ends and `*outUsed` what it produced. */
int CFastDeflate_decompress(
    void *decompressor, const void *in, size_t inCount, void *out, size_t outCount, size_t *inUsed, size_t *outUsed);

/* The gzip CRC-32, continued from `crc` (libdeflate's; zlib's when libdeflate is absent). */
uint32_t CFastDeflate_crc32(uint32_t crc, const void *bytes, size_t count);

/* ISA-L streaming raw inflate. */
typedef struct CFastDeflate_Inflate CFastDeflate_Inflate;
/* NULL when ISA-L is unavailable or out of memory. */
CFastDeflate_Inflate *CFastDeflate_inflateCreate(void);
void CFastDeflate_inflateFree(CFastDeflate_Inflate *stream);
/* Starts a new deflate stream. */
void CFastDeflate_inflateReset(CFastDeflate_Inflate *stream);
/* Inflates from `in` into `out`. Returns 0 (progress, or more input or output needed), 1 (the
 * deflate stream ended), or -1 (corrupt data). When the stream ended, `*returned` (at most 8)
 * of the consumed bytes lie after the stream's end (ISA-L reads ahead into its bit buffer):
 * they are copied, in order, to `returnedBytes` (8 bytes) and belong to whatever follows. */
int CFastDeflate_inflate(
    CFastDeflate_Inflate *stream, const void *in, size_t inCount, void *out, size_t outCount, size_t *consumed,
    size_t *produced, uint8_t *returnedBytes, size_t *returned);

#endif
