package io.clothing.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link Classifier} that merges concurrent {@link #predict} calls into batches for the
 * classifier it wraps, as {@link RequestBatching} describes. One worker thread (a daemon named
 * {@code clothing-batching-N}) takes the waiting calls, runs them as one {@code predictAll} and
 * hands each caller its own answer.
 *
 * <p>Thread-safe. {@link #close()} refuses new calls, lets the worker answer every call already
 * accepted, then closes the wrapped classifier; a call made after that throws
 * {@link ModelException}. No accepted call is lost or answered twice.
 */
final class BatchingClassifier implements Classifier {
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** How often an idle worker looks whether the classifier was closed. */
  private static final long IDLE_CHECK_MILLIS = 50;

  private record Request(GrayImage image, CompletableFuture<Prediction> answer) {}

  private final Classifier model;
  private final RequestBatching options;
  private final long windowNanos;
  private final long gapNanos;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Thread worker;
  private volatile boolean closed;

  BatchingClassifier(Classifier model, RequestBatching options) {
    this.model = model;
    this.options = options;
    this.windowNanos = options.window().toNanos();
    this.gapNanos = Math.min(windowNanos, RequestBatching.GAP.toNanos());
    this.worker = new Thread(this::work, "clothing-batching-" + THREADS.incrementAndGet());
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public Prediction predict(GrayImage image) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    if (!image.isModelSized()) {
      // refused here, so that one bad image never fails the other calls of its batch
      throw new IllegalArgumentException("the model takes 28x28 images, got " + image.width()
          + "x" + image.height()
          + "; convert other images with the preprocessing module's ImageImporter");
    }
    CompletableFuture<Prediction> answer = new CompletableFuture<>();
    lock.readLock().lock();
    try {
      if (closed) {
        throw new ModelException(description() + ": the classifier is closed");
      }
      queue.add(new Request(image, answer));
    } finally {
      lock.readLock().unlock();
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return answer.get();
        } catch (InterruptedException e) {
          interrupted = true; // the call is accepted and will be answered: wait for it
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new ModelException("the batched prediction failed: " + cause, cause);
  }

  @Override
  public List<Prediction> predictAll(List<GrayImage> images) {
    checkOpen();
    return model.predictAll(images);
  }

  @Override
  public List<Prediction> predictAll(ImageDataset images) {
    checkOpen();
    return model.predictAll(images);
  }

  private void checkOpen() {
    if (closed) {
      throw new ModelException(description() + ": the classifier is closed");
    }
  }

  /** Calls waiting for the worker; for tests. */
  int queued() {
    return queue.size();
  }

  @Override
  public String description() {
    return model.description();
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    model.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void work() {
    List<Request> batch = new ArrayList<>(options.maxBatch());
    int lastBatch = 0;
    while (true) {
      Request first;
      try {
        first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = queue.poll();
      }
      if (first == null) {
        if (!closed) {
          continue;
        }
        // closed is set under the write lock, so every accepted call is in the queue by now,
        // including one accepted after the poll above gave up
        first = queue.poll();
        if (first == null) {
          return;
        }
      }
      batch.clear();
      batch.add(first);
      queue.drainTo(batch, options.maxBatch() - 1);
      if (batch.size() > 1 || lastBatch > 1) {
        collectMore(batch);
      }
      answer(batch);
      lastBatch = batch.size();
    }
  }

  /** Holds the batch open while calls keep coming, within the window and the maximum size. */
  private void collectMore(List<Request> batch) {
    long deadline = System.nanoTime() + windowNanos;
    while (batch.size() < options.maxBatch() && !closed) {
      long wait = Math.min(gapNanos, deadline - System.nanoTime());
      if (wait <= 0) {
        return;
      }
      Request next;
      try {
        next = queue.poll(wait, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        return; // closing: run what was collected
      }
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, options.maxBatch() - batch.size());
    }
  }

  private void answer(List<Request> batch) {
    List<GrayImage> images = new ArrayList<>(batch.size());
    for (Request request : batch) {
      images.add(request.image());
    }
    try {
      List<Prediction> predictions = model.predictAll(images);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).answer().complete(predictions.get(i));
      }
    } catch (RuntimeException | Error e) {
      for (Request request : batch) {
        request.answer().completeExceptionally(e);
      }
    }
  }
}
