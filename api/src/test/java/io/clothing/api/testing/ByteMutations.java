package io.clothing.api.testing;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Mutations of a valid file for the fuzz tests: each is one to eight edits, each a flipped bit, a
 * replaced byte (often 0x00, 0xFF or 0x7F, the values that break length fields), a deleted or
 * inserted run, a truncation, or a run copied from elsewhere in the file. jqwik shrinks a
 * failing case to its seed.
 */
public final class ByteMutations {
  private ByteMutations() {}

  /** Mutated copies of {@code valid}. */
  public static Arbitrary<byte[]> of(byte[] valid) {
    return Arbitraries.longs().map(seed -> mutate(valid, new Random(seed)));
  }

  static byte[] mutate(byte[] valid, Random random) {
    byte[] b = valid.clone();
    int edits = 1 + random.nextInt(8);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(6)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b[at] = new byte[] {0, (byte) 0xFF, 0x7F, (byte) random.nextInt(256)}[
            random.nextInt(4)];
        case 2 -> {
          int n = Math.min(b.length - at, 1 + random.nextInt(16));
          byte[] out = new byte[b.length - n];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + n, out, at, b.length - at - n);
          b = out;
        }
        case 3 -> {
          byte[] run = new byte[1 + random.nextInt(16)];
          random.nextBytes(run);
          byte[] out = new byte[b.length + run.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(run, 0, out, at, run.length);
          System.arraycopy(b, at, out, at + run.length, b.length - at);
          b = out;
        }
        case 4 -> b = Arrays.copyOf(b, at);
        default -> {
          int from = random.nextInt(b.length);
          int n = Math.min(Math.min(b.length - at, b.length - from), 1 + random.nextInt(32));
          System.arraycopy(b.clone(), from, b, at, n);
        }
      }
    }
    return b;
  }
}
