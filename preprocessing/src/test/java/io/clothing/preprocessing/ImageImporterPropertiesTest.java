package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.GrayImage;
import java.awt.image.BufferedImage;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any decoded picture, of any size from a single pixel to a long strip, with any content (flat,
 * noise, transparent, a shape touching the edges), becomes a 28x28 image.
 */
class ImageImporterPropertiesTest {

  @Property(tries = 1000)
  void anyHeaderGivesAnOrientationFromOneToEight(@ForAll byte[] tail, @ForAll boolean exif) {
    // a JPEG start and an APP1 "Exif" segment of random content, or random bytes alone
    byte[] head = new byte[10 + tail.length];
    head[0] = (byte) 0xFF;
    head[1] = (byte) 0xD8;
    head[2] = (byte) 0xFF;
    head[3] = (byte) 0xE1;
    head[4] = (byte) ((tail.length + 8) >> 8);
    head[5] = (byte) (tail.length + 8);
    System.arraycopy("Exif".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, head, 6,
        4);
    System.arraycopy(tail, 0, head, 10, tail.length);
    byte[] bytes = exif ? head : tail;
    assertThat(ExifOrientation.of(bytes, bytes.length)).isBetween(1, 8);
  }

  @Property(tries = 200)
  void everyPictureBecomesATwentyEightSquare(@ForAll @IntRange(min = 1, max = 400) int width,
      @ForAll @IntRange(min = 1, max = 400) int height, @ForAll @IntRange(min = 0, max = 3)
      int kind, @ForAll long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    int flat = random.nextInt() | 0xFF000000;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int argb = switch (kind) {
          case 0 -> flat;
          case 1 -> random.nextInt();
          case 2 -> x < width / 2 ? 0xFFFFFFFF : 0x00000000;
          default -> y * 3 < height ? 0xFF202020 : 0xFFF0F0F0;
        };
        image.setRGB(x, y, argb);
      }
    }
    GrayImage imported = ImageImporter.fromImage(image);
    assertThat(imported.isModelSized()).isTrue();
  }
}
