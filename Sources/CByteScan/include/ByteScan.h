// 16-byte classification of JSON bytes for the analyzer's line scanner and the logger's encoder.
//
// Swift's SIMD types do not lower comparisons to vector instructions on this toolchain (they
// become per-byte loops), so the few vector operations the scanner needs live here as static
// inline functions, which Swift inlines at the call site. SSE2 is part of every x86-64 CPU and
// NEON of every AArch64 one, so no runtime dispatch is needed; other targets get the scalar loop.
#ifndef PERFLOG_BYTESCAN_H
#define PERFLOG_BYTESCAN_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON) && defined(__aarch64__)
#include <arm_neon.h>
#endif

#if !defined(__SSE2__) && defined(__ARM_NEON) && defined(__aarch64__)
/// NEON has no `movemask`: bit i of the result is the top bit of byte i of `m` (bytes are 0 or 0xFF).
static inline uint32_t perflog_neon_movemask(uint8x16_t m) {
    static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t bits = vandq_u8(m, vld1q_u8(weights));
    return (uint32_t)vaddv_u8(vget_low_u8(bits)) | ((uint32_t)vaddv_u8(vget_high_u8(bits)) << 8);
}
#endif

/// Bit i is set when byte i of p[0..<16] ends a run of plain string bytes: `"`, `\` or a
/// control character (< 0x20). All 16 bytes must be readable.
static inline uint32_t perflog_string_stops16(const uint8_t *p) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x22));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5C));
    __m128i low = _mm_set1_epi8(0x1F);
    __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, low), low);
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control));
#elif defined(__ARM_NEON) && defined(__aarch64__)
    uint8x16_t v = vld1q_u8(p);
    uint8x16_t m = vorrq_u8(vorrq_u8(vceqq_u8(v, vdupq_n_u8(0x22)), vceqq_u8(v, vdupq_n_u8(0x5C))),
                            vcltq_u8(v, vdupq_n_u8(0x20)));
    return perflog_neon_movemask(m);
#else
    uint32_t m = 0;
    for (int i = 0; i < 16; i++) {
        uint8_t c = p[i];
        if (c == 0x22 || c == 0x5C || c < 0x20) m |= 1u << i;
    }
    return m;
#endif
}

/// Bit i is set when byte i of p[0..<16] is above `~` (0x7E): DEL or a non-ASCII byte. All 16
/// bytes must be readable.
static inline uint32_t perflog_above_tilde16(const uint8_t *p) {
#if defined(__SSE2__)
    // An unsigned compare as a signed one of (byte ^ 0x80).
    __m128i s = _mm_xor_si128(_mm_loadu_si128((const __m128i *)p), _mm_set1_epi8((char)0x80));
    return (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(s, _mm_set1_epi8((char)(0x7E ^ 0x80))));
#elif defined(__ARM_NEON) && defined(__aarch64__)
    return perflog_neon_movemask(vcgtq_u8(vld1q_u8(p), vdupq_n_u8(0x7E)));
#else
    uint32_t m = 0;
    for (int i = 0; i < 16; i++) {
        if (p[i] > 0x7E) m |= 1u << i;
    }
    return m;
#endif
}

/// Bit i is set when byte i of p[0..<16] cannot be copied into a JSON string as it is: a string
/// stop (`"`, `\`, a control character) or a byte above `~` (DEL, or non-ASCII, which the
/// encoder validates as UTF-8). All 16 bytes must be readable.
static inline uint32_t perflog_escape_attention16(const uint8_t *p) {
    return perflog_string_stops16(p) | perflog_above_tilde16(p);
}

/// Bit i is set when byte i of p[0..<16] is not JSON whitespace (space, tab, CR, LF).
static inline uint32_t perflog_non_whitespace16(const uint8_t *p) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x09))),
                              _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x0A)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x0D))));
    return (uint32_t)(~_mm_movemask_epi8(ws)) & 0xFFFFu;
#else
    uint32_t m = 0;
    for (int i = 0; i < 16; i++) {
        uint8_t c = p[i];
        if (!(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D)) m |= 1u << i;
    }
    return m;
#endif
}

/// The number of `\n` bytes in p[0..<n] (16 bytes a step; the line count of a chunk of whole lines).
size_t perflog_count_newlines(const uint8_t *p, size_t n);

#endif
