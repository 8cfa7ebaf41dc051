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

  /** One-pixel images with the given number of images per class. */
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
    StratifiedSplit.Parts parts = StratifiedSplit.split(data, fraction, 3);
    assertThat(parts.training().size() + parts.validation().size()).isEqualTo(n);
    int validationSize = (int) Math.round(fraction * n);
    assertThat(parts.validation().size()).isEqualTo(validationSize);
    // each class's exact share of the validation set, which the split meets to within one image
    int[] held = parts.validation().classCounts();
    for (int k = 0; k < 10; k++) {
      double share = (double) validationSize * perClass[k] / n;
      assertThat(Math.abs(held[k] - share)).as("class %d", k).isLessThan(1.0);
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
