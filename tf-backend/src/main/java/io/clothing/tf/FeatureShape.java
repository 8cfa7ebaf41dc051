package io.clothing.tf;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of one example's features between layers, without the batch dimension: three numbers
 * (height, width, channels) for images, one for flat vectors.
 *
 * <p>Immutable.
 */
public final class FeatureShape {
  private final int[] dims;

  private FeatureShape(int[] dims) {
    this.dims = dims;
  }

  /** An image-like shape. */
  public static FeatureShape image(int height, int width, int channels) {
    return new FeatureShape(new int[] {height, width, channels});
  }

  /** A flat vector of {@code size} features. */
  public static FeatureShape flat(int size) {
    return new FeatureShape(new int[] {size});
  }

  /** Whether this is height x width x channels. */
  public boolean isImage() {
    return dims.length == 3;
  }

  /** Height of an image shape. */
  public int height() {
    return dims[0];
  }

  /** Width of an image shape. */
  public int width() {
    return dims[1];
  }

  /** Channels of an image shape, or the size of a flat one. */
  public int channels() {
    return dims[dims.length - 1];
  }

  /** Features per example: the product of the dimensions. */
  public long size() {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** The dimensions with a leading {@code -1} batch dimension, for TensorFlow shapes. */
  public long[] withBatch() {
    long[] out = new long[dims.length + 1];
    out[0] = -1;
    for (int i = 0; i < dims.length; i++) {
      out[i + 1] = dims[i];
    }
    return out;
  }

  /** Keras' notation, such as {@code (None, 28, 28, 32)}. */
  public String toKeras() {
    return Arrays.stream(dims).mapToObj(String::valueOf)
        .collect(Collectors.joining(", ", "(None, ", ")"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureShape that && Arrays.equals(dims, that.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return toKeras();
  }
}
