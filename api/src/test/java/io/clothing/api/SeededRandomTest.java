package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

  @Test
  void sameKeysGiveTheSameStream() {
    SeededRandom a = new SeededRandom(42, 3, 1000);
    SeededRandom b = new SeededRandom(0).reseed(42, 3, 1000);
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
  }

  @Test
  void varargsAndThreeKeyFormsAgree() {
    assertThat(new SeededRandom().reseed(new long[] {1, 2, 3}).nextLong())
        .isEqualTo(new SeededRandom().reseed(1, 2, 3).nextLong());
  }

  @Test
  void differentKeysGiveDifferentStreams() {
    assertThat(new SeededRandom(42, 3, 1000).nextLong())
        .isNotEqualTo(new SeededRandom(42, 3, 1001).nextLong())
        .isNotEqualTo(new SeededRandom(42, 4, 1000).nextLong())
        .isNotEqualTo(new SeededRandom(1000, 3, 42).nextLong());
  }

  @Test
  void doublesAreRoughlyUniform() {
    SeededRandom r = new SeededRandom(1);
    double sum = 0;
    for (int i = 0; i < 100_000; i++) {
      double d = r.nextDouble();
      assertThat(d).isBetween(0.0, 1.0);
      sum += d;
    }
    assertThat(sum / 100_000).isBetween(0.49, 0.51);
  }
}
