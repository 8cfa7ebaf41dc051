package io.clothing.api;

/**
 * A mutable, reusable training or evaluation batch: images as floats in NHWC order
 * ({@code [n][height][width][1]}, contiguous) and their labels both as indices and one-hot rows.
 * Filled by the input pipeline and read by a backend, so no tensors or per-pixel objects are
 * involved.
 *
 * <p>Not thread-safe: a batch belongs to one thread at a time (the pipeline hands it over).
 */
public final class Batch {
  private final int capacity;
  private final int width;
  private final int height;
  private final float[] images;
  private final float[] oneHot;
  private final int[] labels;
  private final int[] rows;
  private int size;

  /**
   * An empty batch able to hold {@code capacity} images of {@code width x height} pixels.
   */
  public Batch(int capacity, int width, int height) {
    if (capacity < 1) {
      throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.width = width;
    this.height = height;
    this.images = new float[Math.multiplyExact(capacity, width * height)];
    this.oneHot = new float[capacity * Garment.COUNT];
    this.labels = new int[capacity];
    this.rows = new int[capacity];
  }

  /** The most images this batch holds. */
  public int capacity() {
    return capacity;
  }

  /** The images now held, at most {@link #capacity()}; the last batch of an epoch may be short. */
  public int size() {
    return size;
  }

  /** Sets how many images the batch now holds. */
  public void setSize(int size) {
    if (size < 0 || size > capacity) {
      throw new IllegalArgumentException("size " + size + " outside 0-" + capacity);
    }
    this.size = size;
  }

  /** Image width in pixels. */
  public int width() {
    return width;
  }

  /** Image height in pixels. */
  public int height() {
    return height;
  }

  /** Floats an image: {@code width * height}. */
  public int pixelsPerImage() {
    return width * height;
  }

  /**
   * The NHWC image buffer, {@code capacity * width * height} floats, of which the first
   * {@code size * width * height} are valid. Shared, not copied: the hot path.
   */
  public float[] images() {
    return images;
  }

  /**
   * The training targets, {@code capacity * 10} floats, first {@code size * 10} valid: one-hot
   * labels, or soft targets set by {@link #setLabel(int, int, float[], int)}. Shared.
   */
  public float[] oneHotLabels() {
    return oneHot;
  }

  /** The labels as indices 0-9, first {@code size} valid. Shared. */
  public int[] labels() {
    return labels;
  }

  /** Which row of the source data set each image came from, first {@code size} valid. Shared. */
  public int[] sourceRows() {
    return rows;
  }

  /** Sets the label of image {@code i}, both as an index and as a one-hot row. */
  public void setLabel(int i, int label) {
    java.util.Objects.checkIndex(i, capacity);
    labels[i] = label;
    int base = i * Garment.COUNT;
    java.util.Arrays.fill(oneHot, base, base + Garment.COUNT, 0f);
    oneHot[base + label] = 1f;
  }

  /**
   * Sets the label of image {@code i} as an index and its training target to the 10 floats of
   * {@code target} from {@code offset} (a soft target, such as a teacher's mix).
   */
  public void setLabel(int i, int label, float[] target, int offset) {
    java.util.Objects.checkIndex(i, capacity);
    java.util.Objects.checkFromIndexSize(offset, Garment.COUNT, target.length);
    labels[i] = label;
    System.arraycopy(target, offset, oneHot, i * Garment.COUNT, Garment.COUNT);
  }
}
