package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GrayImageTest {

  @Test
  void readsPixelsRowMajorAsUnsigned() {
    byte[] pixels = new byte[784];
    pixels[28 * 2 + 5] = (byte) 200;
    GrayImage image = GrayImage.of(pixels);
    assertThat(image.pixel(5, 2)).isEqualTo(200);
    assertThat(image.isModelSized()).isTrue();
  }

  @Test
  void isImmutable() {
    byte[] pixels = new byte[784];
    GrayImage image = GrayImage.of(pixels);
    pixels[0] = 9;
    image.pixels()[1] = 9;
    assertThat(image.pixel(0, 0)).isZero();
    assertThat(image.pixel(1, 0)).isZero();
  }

  @Test
  void refusesWrongPixelCount() {
    assertThatThrownBy(() -> GrayImage.of(new byte[783]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 784 pixels, got 783");
  }

  @Test
  void refusesPositionOutsideTheImage() {
    GrayImage image = GrayImage.ofValues(2, 1, 0, 255);
    assertThatThrownBy(() -> image.pixel(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void refusesValuesOutsideByteRange() {
    assertThatThrownBy(() -> GrayImage.ofValues(1, 1, 256)).hasMessageContaining("outside 0-255");
  }

  @Test
  void equalityIsByContent() {
    assertThat(GrayImage.ofValues(2, 1, 1, 2)).isEqualTo(GrayImage.ofValues(2, 1, 1, 2))
        .hasSameHashCodeAs(GrayImage.ofValues(2, 1, 1, 2))
        .isNotEqualTo(GrayImage.ofValues(1, 2, 1, 2));
  }
}
