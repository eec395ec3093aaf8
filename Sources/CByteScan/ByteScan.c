// The functions of this module are static inline, in include/ByteScan.h.
#include "ByteScan.h"

size_t perflog_count_newlines(const uint8_t *p, size_t n) {
    size_t count = 0, i = 0;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8(0x0A);
    while (n - i >= 16) {
        // Per-byte counters (each compare is 0 or -1) hold up to 255 steps before they are summed.
        size_t steps = (n - i) / 16;
        if (steps > 255) steps = 255;
        __m128i acc = _mm_setzero_si128();
        for (size_t s = 0; s < steps; s++, i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + i)), newline));
        __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
        count += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
    }
#elif defined(__ARM_NEON) && defined(__aarch64__)
    const uint8x16_t newline = vdupq_n_u8(0x0A);
    while (n - i >= 16) {
        size_t steps = (n - i) / 16;
        if (steps > 255) steps = 255;
        uint8x16_t acc = vdupq_n_u8(0);
        for (size_t s = 0; s < steps; s++, i += 16)
            acc = vsubq_u8(acc, vceqq_u8(vld1q_u8(p + i), newline));
        count += vaddlvq_u8(acc);
    }
#endif
    for (; i < n; i++) count += p[i] == 0x0A;
    return count;
}
