package io.clothing.preprocessing;

import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.SeededRandom;

/** Small generated data sets for the tests. */
final class TestData {
  private TestData() {}

  /** {@code perClass} random 28x28 images of every class, labels cycling 0..9. */
  static ImageDataset random(int perClass, long seed) {
    int n = perClass * 10;
    byte[] pixels = new byte[n * GrayImage.PIXELS];
    byte[] labels = new byte[n];
    SeededRandom random = new SeededRandom(seed);
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      for (int p = 0; p < GrayImage.PIXELS; p++) {
        pixels[i * GrayImage.PIXELS + p] = (byte) random.nextInt(256);
      }
    }
    return ImageDataset.of(pixels, labels);
  }

  /** A {@code width x height} photo of a {@code background} frame with a filled rectangle. */
  static java.awt.image.BufferedImage photo(int width, int height, java.awt.Color background,
      java.awt.Color garment, int x, int y, int w, int h) {
    java.awt.image.BufferedImage photo = new java.awt.image.BufferedImage(width, height,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = photo.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, width, height);
    g.setColor(garment);
    g.fillRect(x, y, w, h);
    g.dispose();
    return photo;
  }
}
