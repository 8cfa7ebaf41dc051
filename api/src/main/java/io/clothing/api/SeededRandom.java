package io.clothing.api;

import java.util.random.RandomGenerator;

/**
 * A small, fast generator (SplitMix64) that can be re-seeded in place from a tuple of keys such as
 * (recipe seed, epoch, image index), so every image gets its own reproducible stream without
 * allocating a generator per image. Same keys, same numbers, on every machine and thread count.
 *
 * <p>Not thread-safe: each thread keeps its own instance.
 */
public final class SeededRandom implements RandomGenerator {
  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
  private long state;

  /** A generator seeded from {@code keys}; see {@link #reseed(long...)}. */
  public SeededRandom(long... keys) {
    reseed(keys);
  }

  /**
   * Restarts the stream from a seed mixed from {@code keys}; different key tuples give unrelated
   * streams. Does not allocate for up to three keys passed as separate arguments.
   */
  public SeededRandom reseed(long... keys) {
    long h = 0x6A09_E667_F3BC_C908L;
    for (long key : keys) {
      h = mix(h ^ mix(key + GOLDEN));
    }
    state = h;
    return this;
  }

  /** As {@link #reseed(long...)} with three keys, without the varargs array. */
  public SeededRandom reseed(long a, long b, long c) {
    long h = 0x6A09_E667_F3BC_C908L;
    h = mix(h ^ mix(a + GOLDEN));
    h = mix(h ^ mix(b + GOLDEN));
    h = mix(h ^ mix(c + GOLDEN));
    state = h;
    return this;
  }

  @Override
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
