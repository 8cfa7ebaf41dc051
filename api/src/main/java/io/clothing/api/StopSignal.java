package io.clothing.api;

/**
 * A request to stop one training run, owned by that run: {@link #request()} from any thread makes
 * the trainer stop after its current batch and save a checkpoint that a later run with
 * {@code resume} continues exactly. Runs with different signals never stop each other.
 *
 * <p>Thread-safe.
 */
public final class StopSignal {
  private volatile boolean requested;

  /** Asks the run to stop; safe from any thread, a shutdown hook included. */
  public void request() {
    requested = true;
  }

  /** Whether {@link #request()} has been called. */
  public boolean isRequested() {
    return requested;
  }
}
