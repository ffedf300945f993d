/*
 * rng.h: a counter-based random number generator, so that a random number
 * is a pure function of (seed, stream, index) and never of which thread drew
 * it or in what order.
 *
 * Stream s of seed k is SplitMix64 (Steele, Lea and Flood 2014) started at the
 * state mix(k ^ mix(s * golden)); its i-th output is mix(state + (i + 1) * golden).
 * Any thread can jump straight to element i, so a parallel loop reproduces the
 * serial numbers bit for bit under every thread count and schedule, unlike the
 * Python tutorials' forked workers, which may all inherit one generator state.
 * GSL's generators are sequential and cannot be indexed like this.
 */
#ifndef OMPSCALE_RNG_H
#define OMPSCALE_RNG_H

#include <stdint.h>

#define RNG_GOLDEN UINT64_C(0x9e3779b97f4a7c15)

/* SplitMix64's output function (a bijection on 64-bit words). */
static inline uint64_t rng_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* The starting state of stream `stream` under `seed`. */
static inline uint64_t rng_stream(uint64_t seed, uint64_t stream)
{
    return rng_mix(seed ^ rng_mix(stream * RNG_GOLDEN));
}

/* Element i of a stream as 64 random bits. */
static inline uint64_t rng_bits(uint64_t stream_state, uint64_t i)
{
    return rng_mix(stream_state + (i + 1) * RNG_GOLDEN);
}

/* Element i of a stream as a 53-bit integer: the leading bits of rng_bits. */
static inline uint64_t rng_u53(uint64_t stream_state, uint64_t i)
{
    return rng_bits(stream_state, i) >> 11;
}

/*
 * A 53-bit integer k as the double k * 2^-53 in [0, 1): both steps exact, so
 * larger integers give larger doubles and sorting the integers sorts these.
 * Converted as a signed integer, the same value for k < 2^63 and one
 * instruction where an unsigned conversion is several (x86-64 before
 * AVX-512).
 */
static inline double rng_u53_uniform(uint64_t k)
{
    return (double)(int64_t)k * 0x1.0p-53;
}

/* Element i of a stream as a double uniform on [0, 1), 53 random bits. */
static inline double rng_uniform(uint64_t stream_state, uint64_t i)
{
    return rng_u53_uniform(rng_u53(stream_state, i));
}

#endif
