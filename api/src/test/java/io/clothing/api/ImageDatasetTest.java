package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageDatasetTest {

  /** Four 2x1 images whose pixels are (10i, 10i+1) and labels i. */
  private static ImageDataset four() {
    return ImageDataset.of(2, 1, new byte[] {0, 1, 10, 11, 20, 21, 30, 31},
        new byte[] {0, 1, 2, 3});
  }

  @Test
  void slicesAndSubsetsAreViewsInTheirOwnRowNumbers() {
    ImageDataset data = four();
    ImageDataset slice = data.slice(1, 3);
    assertThat(slice.size()).isEqualTo(2);
    assertThat(slice.labelIndex(0)).isEqualTo(1);
    assertThat(slice.pixel(1, 1)).isEqualTo(21);

    ImageDataset picked = slice.subset(new int[] {1, 1, 0});
    assertThat(picked.labelIndices()).containsExactly(2, 2, 1);
    assertThat(picked.image(0)).isEqualTo(GrayImage.ofValues(2, 1, 20, 21));
  }

  @Test
  void copiesPixelsAsScaledFloats() {
    float[] out = new float[4];
    four().copyPixels(3, out, 2, 0.5f);
    assertThat(out).containsExactly(0f, 0f, 15f, 15.5f);
  }

  @Test
  void countsClasses() {
    assertThat(four().subset(new int[] {3, 3, 0}).classCounts())
        .containsExactly(1, 0, 0, 2, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void equalityComparesContentNotStorage() {
    ImageDataset data = four();
    ImageDataset copy = ImageDataset.of(2, 1, new byte[] {10, 11, 20, 21}, new byte[] {1, 2});
    assertThat(data.slice(1, 3)).isEqualTo(copy).hasSameHashCodeAs(copy);
    assertThat(data.slice(0, 2)).isNotEqualTo(copy);
  }

  @Test
  void refusesInconsistentSizesAndLabels() {
    assertThatThrownBy(() -> ImageDataset.of(2, 1, new byte[3], new byte[2]))
        .hasMessageContaining("need 4 pixels, got 3");
    assertThatThrownBy(() -> ImageDataset.of(1, 1, new byte[1], new byte[] {10}))
        .hasMessageContaining("outside 0-9");
    assertThatThrownBy(() -> four().slice(2, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> four().subset(new int[] {4}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
