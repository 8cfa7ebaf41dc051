package io.clothing.api;

import java.time.Duration;

/**
 * How a {@link Classifier} from {@link Classifiers} merges concurrent {@link Classifier#predict}
 * calls into batches, in the spirit of TensorFlow Serving's batching, inside the process: calls
 * that arrive while the model is busy, or within a short gap of each other, run as one batch of
 * up to {@link #maxBatch()} images, which costs the model little more than one image does.
 *
 * <p>A call that arrives while the classifier is idle, and no other call came with it, runs at
 * once. While calls keep coming, the batch is held open as long as the next one follows within
 * a gap of {@link #GAP} (or the window, if shorter), but never longer than {@link #window()} after
 * the first; so a lone call waits at most {@code min(window, GAP)} more than it would unbatched.
 *
 * <p>Batching changes only which images share a TensorFlow call; the probabilities of an image
 * may then differ from an unbatched call's in the last bits (at most 1e-5 absolutely in the
 * project's tests), as they do between any two batch sizes. {@link Classifier#predictAll} calls
 * are already batches and go to the model directly.
 *
 * @param window the longest a batch is held open for more calls, from its first call; zero
 *     takes only the calls already waiting
 * @param maxBatch the most images in one batch, at least 1; 1 switches batching off
 */
public record RequestBatching(Duration window, int maxBatch) {
  /** The longest pause between two calls that still keeps a batch open. */
  public static final Duration GAP = Duration.ofNanos(200_000);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the window is null, negative or over one second, or the
   *     maximum batch is below 1 or above 4096
   */
  public RequestBatching {
    if (window == null || window.isNegative() || window.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("the batching window must be 0 to 1 s, got " + window);
    }
    if (maxBatch < 1 || maxBatch > 4096) {
      throw new IllegalArgumentException("the largest batch must be 1 to 4096, got " + maxBatch);
    }
  }

  /** The defaults: a 2 ms window and batches of up to 64 images. */
  public static RequestBatching defaults() {
    return new RequestBatching(Duration.ofMillis(2), 64);
  }

  /** No batching: every {@code predict} is its own model call. */
  public static RequestBatching off() {
    return new RequestBatching(Duration.ZERO, 1);
  }

  /** Whether calls are merged at all. */
  public boolean enabled() {
    return maxBatch > 1;
  }
}
