package io.clothing.api;

import java.util.Arrays;

/**
 * An immutable 8-bit grayscale image, stored row-major, one byte a pixel (0 black to 255 white).
 * Models take {@link #SIDE}x{@link #SIDE} images in Fashion-MNIST's convention: a light garment on
 * a dark background, centred.
 *
 * <p>Instances are immutable and thread-safe; the pixel array is copied in and out.
 */
public final class GrayImage {
  /** Fashion-MNIST's side length in pixels. */
  public static final int SIDE = 28;
  /** Pixels in a Fashion-MNIST image: 784. */
  public static final int PIXELS = SIDE * SIDE;

  private final int width;
  private final int height;
  private final byte[] pixels;

  private GrayImage(int width, int height, byte[] pixels) {
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  /**
   * A 28x28 image from 784 row-major pixels (as unsigned bytes: {@code (byte) 255} is white).
   *
   * @param pixels exactly 784 bytes; copied, never null
   * @throws IllegalArgumentException if {@code pixels.length != 784}
   */
  public static GrayImage of(byte[] pixels) {
    return of(SIDE, SIDE, pixels);
  }

  /**
   * An image of any size from {@code width * height} row-major pixels.
   *
   * @param width width in pixels, at least 1
   * @param height height in pixels, at least 1
   * @param pixels exactly {@code width * height} bytes; copied, never null
   * @throws IllegalArgumentException if the sizes do not agree
   */
  public static GrayImage of(int width, int height, byte[] pixels) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size " + width + "x" + height + " is empty");
    }
    if ((long) width * height != pixels.length) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " image needs " + (long) width * height
              + " pixels, got " + pixels.length);
    }
    return new GrayImage(width, height, pixels.clone());
  }

  /**
   * An image from pixel values 0-255 given as ints, row-major.
   *
   * @throws IllegalArgumentException if a value is outside 0-255 or the sizes do not agree
   */
  public static GrayImage ofValues(int width, int height, int... values) {
    byte[] pixels = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 255) {
        throw new IllegalArgumentException("pixel " + i + " is " + values[i] + ", outside 0-255");
      }
      pixels[i] = (byte) values[i];
    }
    return of(width, height, pixels);
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** True if this image has Fashion-MNIST's 28x28 size and can be fed to a model. */
  public boolean isModelSized() {
    return width == SIDE && height == SIDE;
  }

  /**
   * The pixel at column {@code x}, row {@code y}, as 0-255.
   *
   * @throws IndexOutOfBoundsException if the position is outside the image
   */
  public int pixel(int x, int y) {
    if (x < 0 || x >= width || y < 0 || y >= height) {
      throw new IndexOutOfBoundsException(
          "pixel (" + x + ", " + y + ") is outside a " + width + "x" + height + " image");
    }
    return pixels[y * width + x] & 0xFF;
  }

  /** A copy of the row-major pixels; never null. */
  public byte[] pixels() {
    return pixels.clone();
  }

  /** Copies the row-major pixels into {@code target} from {@code offset}, without allocating. */
  public void copyPixelsTo(byte[] target, int offset) {
    System.arraycopy(pixels, 0, target, offset, pixels.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GrayImage that
        && width == that.width
        && height == that.height
        && Arrays.equals(pixels, that.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "GrayImage[" + width + "x" + height + "]";
  }
}
