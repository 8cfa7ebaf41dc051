package io.clothing.training;

import io.clothing.api.ClothingException;
import io.clothing.api.StopSignal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One training run on a thread of its own, started by {@link Training#start()}. {@link #stop()}
 * ends this run (and no other) after its current batch with a resumable checkpoint;
 * {@link #await()} waits for its result.
 *
 * <p>Thread-safe.
 */
public final class TrainingRun {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final StopSignal stop = new StopSignal();
  private final CompletableFuture<TrainingResult> result = new CompletableFuture<>();

  private TrainingRun() {}

  static TrainingRun start(String recipeName, Function<StopSignal, TrainingResult> work) {
    TrainingRun run = new TrainingRun();
    Thread thread = new Thread(() -> {
      try {
        run.result.complete(work.apply(run.stop));
      } catch (Throwable t) {
        run.result.completeExceptionally(t);
      }
    }, "clothing-training-" + RUNS.incrementAndGet() + "-" + recipeName);
    thread.start();
    return run;
  }

  /**
   * Asks this run to stop after its current batch; it then saves a checkpoint that
   * {@code Training...resume(true)} with the same output directory continues exactly, and
   * {@link #await()} returns a result whose {@link TrainingResult#stopped()} is true. Returns at
   * once; safe from any thread, a shutdown hook included.
   */
  public void stop() {
    stop.request();
  }

  /** Whether the run has ended, normally or not. */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the run to end.
   *
   * @return its result; never null
   * @throws ClothingException (or its subclasses) as the run threw it, such as a
   *     {@link io.clothing.api.ModelException} when training diverged
   * @throws IllegalStateException if the waiting thread was interrupted (its interrupt flag is
   *     set again; the run goes on)
   */
  public TrainingResult await() {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for training", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    }
  }

  /** The result as a future, for callers that compose asynchronous work. */
  public CompletableFuture<TrainingResult> future() {
    return result.copy();
  }

  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof CompletionException c && c.getCause() != null) {
      cause = c.getCause();
    }
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new ClothingException("training failed: " + cause, cause);
  }
}
