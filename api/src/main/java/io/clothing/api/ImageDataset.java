package io.clothing.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable labelled set of equally sized grayscale images, stored compactly: all pixels in
 * one {@code byte[]}, all labels in another. {@link #slice} and {@link #subset} return views that
 * share the pixel storage, so splitting 60,000 images into train and validation copies no pixels.
 *
 * <p>Rows are numbered 0 to {@code size() - 1} within each view. Instances are immutable and
 * thread-safe; the arrays given to the factories are copied.
 */
public final class ImageDataset {
  private final int width;
  private final int height;
  private final byte[] pixels;
  private final byte[] labels;
  /** Row numbers into the shared storage, or null for the identity over {@code [0, size)}. */
  private final int[] rows;
  private final int size;

  private ImageDataset(int width, int height, byte[] pixels, byte[] labels, int[] rows) {
    this.width = width;
    this.height = height;
    this.pixels = pixels;
    this.labels = labels;
    this.rows = rows;
    this.size = rows == null ? labels.length : rows.length;
  }

  /**
   * A data set of {@code labels.length} images of {@code width x height} pixels.
   *
   * @param width image width in pixels, at least 1
   * @param height image height in pixels, at least 1
   * @param pixels row-major pixels of all images, image after image; copied, never null
   * @param labels one label (0-9) an image; copied, never null
   * @throws IllegalArgumentException if the sizes disagree or a label is outside 0-9
   */
  public static ImageDataset of(int width, int height, byte[] pixels, byte[] labels) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size " + width + "x" + height + " is empty");
    }
    long expected = (long) width * height * labels.length;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          labels.length + " images of " + width + "x" + height + " need " + expected
              + " pixels, got " + pixels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= Garment.COUNT) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", outside 0-9");
      }
    }
    return new ImageDataset(width, height, pixels.clone(), labels.clone(), null);
  }

  /** A data set of 28x28 images; see {@link #of(int, int, byte[], byte[])}. */
  public static ImageDataset of(byte[] pixels, byte[] labels) {
    return of(GrayImage.SIDE, GrayImage.SIDE, pixels, labels);
  }

  /** The number of images. */
  public int size() {
    return size;
  }

  /** Image width in pixels. */
  public int width() {
    return width;
  }

  /** Image height in pixels. */
  public int height() {
    return height;
  }

  /** Pixels an image: {@code width() * height()}. */
  public int pixelsPerImage() {
    return width * height;
  }

  private int storageRow(int row) {
    Objects.checkIndex(row, size);
    return rows == null ? row : rows[row];
  }

  /** The label index (0-9) of image {@code row}. */
  public int labelIndex(int row) {
    return labels[storageRow(row)];
  }

  /** The garment of image {@code row}; never null. */
  public Garment label(int row) {
    return Garment.fromIndex(labelIndex(row));
  }

  /** Pixel {@code pixel} (row-major, 0-255) of image {@code row}. */
  public int pixel(int row, int pixel) {
    Objects.checkIndex(pixel, pixelsPerImage());
    return pixels[storageRow(row) * pixelsPerImage() + pixel] & 0xFF;
  }

  /** Image {@code row} as a {@link GrayImage} (a copy of its pixels). */
  public GrayImage image(int row) {
    int n = pixelsPerImage();
    int start = storageRow(row) * n;
    return GrayImage.of(width, height, Arrays.copyOfRange(pixels, start, start + n));
  }

  /**
   * Copies the pixels of image {@code row} into {@code target} from {@code offset}, without
   * allocating: the hot path for batching.
   */
  public void copyPixels(int row, byte[] target, int offset) {
    int n = pixelsPerImage();
    System.arraycopy(pixels, storageRow(row) * n, target, offset, n);
  }

  /**
   * Writes image {@code row} into {@code target} from {@code offset} as floats,
   * {@code pixel * scale}, without allocating.
   */
  public void copyPixels(int row, float[] target, int offset, float scale) {
    int n = pixelsPerImage();
    int start = storageRow(row) * n;
    for (int i = 0; i < n; i++) {
      target[offset + i] = (pixels[start + i] & 0xFF) * scale;
    }
  }

  /** The images {@code [from, to)} of this data set, as a view sharing its storage. */
  public ImageDataset slice(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    int[] picked = new int[to - from];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = rows == null ? from + i : rows[from + i];
    }
    return new ImageDataset(width, height, pixels, labels, picked);
  }

  /**
   * The images at the given rows of this data set, in that order (repeats allowed), as a view
   * sharing its storage.
   *
   * @param rowsOfThis row numbers of this data set; copied, never null
   * @throws IndexOutOfBoundsException if a row is outside {@code [0, size())}
   */
  public ImageDataset subset(int[] rowsOfThis) {
    int[] picked = new int[rowsOfThis.length];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = storageRow(rowsOfThis[i]);
    }
    return new ImageDataset(width, height, pixels, labels, picked);
  }

  /** The labels of all images as indices 0-9, in row order; a new array. */
  public byte[] labelIndices() {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = labels[storageRow(i)];
    }
    return out;
  }

  /** How many images each class has, indexed by {@link Garment#index()}; a new array. */
  public int[] classCounts() {
    int[] counts = new int[Garment.COUNT];
    for (int i = 0; i < size; i++) {
      counts[labels[storageRow(i)]]++;
    }
    return counts;
  }

  /** True if both hold the same images with the same labels in the same order. */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ImageDataset that)
        || width != that.width
        || height != that.height
        || size != that.size) {
      return false;
    }
    int n = pixelsPerImage();
    for (int row = 0; row < size; row++) {
      int a = storageRow(row);
      int b = that.storageRow(row);
      if (labels[a] != that.labels[b]
          || !Arrays.equals(pixels, a * n, a * n + n, that.pixels, b * n, b * n + n)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 31 * width + height;
    int n = pixelsPerImage();
    for (int row = 0; row < size; row++) {
      int start = storageRow(row) * n;
      hash = 31 * hash + labels[storageRow(row)];
      for (int i = start; i < start + n; i++) {
        hash = 31 * hash + pixels[i];
      }
    }
    return hash;
  }

  @Override
  public String toString() {
    return "ImageDataset[" + size + " images of " + width + "x" + height + "]";
  }
}
