package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.ImageDataset;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

  /** Images whose first pixel holds their row number mod 256, labels as given. */
  private static ImageDataset labelled(int[] perClass) {
    int n = java.util.Arrays.stream(perClass).sum();
    byte[] labels = new byte[n];
    int i = 0;
    for (int c = 0; c < perClass.length; c++) {
      for (int k = 0; k < perClass[c]; k++) {
        labels[i++] = (byte) c;
      }
    }
    return ImageDataset.of(1, 1, new byte[n], labels);
  }

  @Test
  void holdsOutTenPercentOfEachClassLikeTheSeed() {
    ImageDataset data = TestData.random(100, 1);
    StratifiedSplit.Parts parts = StratifiedSplit.split(data, 0.1, 42);
    assertThat(parts.validation().size()).isEqualTo(100);
    assertThat(parts.validation().classCounts()).containsOnly(10);
    assertThat(parts.training().classCounts()).containsOnly(90);
  }

  @Test
  void isDeterministicForASeedAndDiffersAcrossSeeds() {
    ImageDataset data = TestData.random(50, 2);
    assertThat(StratifiedSplit.split(data, 0.2, 7).validation())
        .isEqualTo(StratifiedSplit.split(data, 0.2, 7).validation())
        .isNotEqualTo(StratifiedSplit.split(data, 0.2, 8).validation());
  }

  @Property(tries = 200)
  void partsAreDisjointCoverTheDataAndKeepProportions(
      @ForAll @IntRange(min = 0, max = 40) int a, @ForAll @IntRange(min = 0, max = 40) int b,
      @ForAll @IntRange(min = 1, max = 40) int c,
      @ForAll @DoubleRange(min = 0, max = 0.9) double fraction) {
    int[] perClass = {a, b, c, 0, 0, 0, 0, 0, 0, 3};
    ImageDataset data = labelled(perClass);
    int n = data.size();
    // tag each image by its row so the parts can be traced back
    byte[] pixels = new byte[n];
    for (int i = 0; i < n; i++) {
      pixels[i] = (byte) i;
    }
    ImageDataset tagged = ImageDataset.of(1, n, pixels, new byte[] {0}).slice(0, 1);
    assertThat(tagged.size()).isEqualTo(1);

    StratifiedSplit.Parts parts = StratifiedSplit.split(data, fraction, 3);
    assertThat(parts.training().size() + parts.validation().size()).isEqualTo(n);
    assertThat(parts.validation().size()).isEqualTo((int) Math.round(fraction * n));
    int[] held = parts.validation().classCounts();
    for (int k = 0; k < 10; k++) {
      assertThat((double) held[k]).isCloseTo(fraction * perClass[k],
          org.assertj.core.data.Offset.offset(1.0 + 1e-9));
    }
  }

  @Test
  void partsNeverShareAnImage() {
    byte[] pixels = new byte[200];
    byte[] labels = new byte[200];
    for (int i = 0; i < 200; i++) {
      pixels[i] = (byte) i;
      labels[i] = (byte) (i % 10);
    }
    ImageDataset data = ImageDataset.of(1, 1, pixels, labels);
    StratifiedSplit.Parts parts = StratifiedSplit.split(data, 0.25, 11);
    Set<Integer> seen = new HashSet<>();
    for (ImageDataset part : new ImageDataset[] {parts.training(), parts.validation()}) {
      for (int i = 0; i < part.size(); i++) {
        assertThat(seen.add(part.pixel(i, 0))).isTrue();
      }
    }
    assertThat(seen).hasSize(200);
  }
}
