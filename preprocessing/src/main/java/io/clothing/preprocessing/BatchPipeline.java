package io.clothing.preprocessing;

import io.clothing.api.Augmentation;
import io.clothing.api.Batch;
import io.clothing.api.ClothingException;
import io.clothing.api.EpochBatches;
import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.MixingSpec;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.SeededRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The input pipeline: turns a data set into float NHWC {@link Batch}es, epoch by epoch. Each
 * image is scaled to [0, 1], passed through the preprocessing stages, then (for training) through
 * the augmentations, and its label is one-hot encoded (or set to its soft target). A training
 * batch may then be mixed with itself (CutMix or mixup, {@link MixingSpec}).
 *
 * <p><b>Reproducible:</b> an epoch's order is a shuffle seeded by (seed, epoch), and each image's
 * augmentation draws from a generator seeded by (seed, epoch, the image's row in the data set),
 * each batch's mixing from one seeded by (seed, epoch, the batch's number), so the batches are
 * bit-identical whatever the thread count. <b>Fast:</b> with {@code threads > 0} batches are
 * filled on background daemon threads ahead of the consumer, into a ring of reused buffers; per
 * image nothing is allocated.
 *
 * <p>One consumer thread at a time; a batch handed out stays valid until the next one is asked
 * for. {@link #close()} stops the background threads.
 */
public final class BatchPipeline implements EpochBatches {
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final ImageDataset data;
  private final int batchSize;
  private final List<PreprocessingStage> stages;
  private final List<Augmentation> augmentations;
  private final boolean shuffle;
  private final long seed;
  private final float[] targets;
  private final Batch[] ring;
  private final ExecutorService workers;
  private final ThreadLocal<Scratch> scratch;
  private Prefetching active;

  private BatchPipeline(Builder b) {
    this.data = b.data;
    this.batchSize = b.batchSize;
    this.stages = List.copyOf(b.stages);
    this.augmentations = List.copyOf(b.augmentations);
    this.shuffle = b.shuffle;
    this.seed = b.seed;
    this.targets = b.targets;
    MixingSpec mixing = b.mixing;
    int depth = b.threads == 0 ? 1 : b.prefetch + 1;
    this.ring = new Batch[depth];
    for (int i = 0; i < depth; i++) {
      ring[i] = new Batch(batchSize, data.width(), data.height());
    }
    int pixels = data.pixelsPerImage();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(pixels,
        mixing == null ? null : new BatchMixer(mixing, batchSize, pixels)));
    if (b.threads == 0) {
      this.workers = null;
    } else {
      int pool = POOL_NUMBER.incrementAndGet();
      AtomicInteger thread = new AtomicInteger();
      this.workers = Executors.newFixedThreadPool(b.threads, r -> {
        Thread t = new Thread(r, "clothing-batches-" + pool + "-" + thread.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }

  /** A builder over {@code data}; see its setters for the defaults. */
  public static Builder builder(ImageDataset data) {
    return new Builder(data);
  }

  @Override
  public int size() {
    return data.size();
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  /**
   * The order in which epoch {@code epoch} visits the data set's rows: a seeded shuffle, or
   * {@code 0..n-1} without shuffling. A new array.
   */
  public int[] order(int epoch) {
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffle) {
      SeededRandom random = new SeededRandom(seed, epoch, -1);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    return order;
  }

  @Override
  public Iterator<Batch> epoch(int epoch) {
    int[] order = order(epoch);
    int batches = batchesPerEpoch();
    if (workers == null) {
      return new Iterator<>() {
        int next;

        @Override
        public boolean hasNext() {
          return next < batches;
        }

        @Override
        public Batch next() {
          if (next >= batches) {
            throw new NoSuchElementException();
          }
          fill(ring[0], order, next++, epoch);
          return ring[0];
        }
      };
    }
    if (active != null) {
      active.finish();
    }
    active = new Prefetching(order, epoch, batches);
    return active;
  }

  /** Fills {@code batch} with batch number {@code index} of the epoch. */
  private void fill(Batch batch, int[] order, int index, int epoch) {
    int from = index * batchSize;
    int count = Math.min(batchSize, order.length - from);
    int pixels = data.pixelsPerImage();
    Scratch s = scratch.get();
    float[] images = batch.images();
    for (int i = 0; i < count; i++) {
      int row = order[from + i];
      float[] current = s.a;
      float[] spare = s.b;
      data.copyPixels(row, current, 0, 1f / 255f);
      for (PreprocessingStage stage : stages) {
        stage.apply(current, 0, pixels);
      }
      if (!augmentations.isEmpty()) {
        s.random.reseed(seed, epoch, row);
        for (Augmentation augmentation : augmentations) {
          augmentation.apply(current, 0, spare, 0, data.width(), data.height(), s.random);
          float[] t = current;
          current = spare;
          spare = t;
        }
      }
      System.arraycopy(current, 0, images, i * pixels, pixels);
      if (targets == null) {
        batch.setLabel(i, data.labelIndex(row));
      } else {
        batch.setLabel(i, data.labelIndex(row), targets, row * Garment.COUNT);
      }
      batch.sourceRows()[i] = row;
    }
    batch.setSize(count);
    if (s.mixer != null) {
      s.mixer.mix(batch, seed, epoch, index);
    }
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private static final class Scratch {
    final float[] a;
    final float[] b;
    final SeededRandom random = new SeededRandom(0);
    final BatchMixer mixer;

    Scratch(int pixels, BatchMixer mixer) {
      a = new float[pixels];
      b = new float[pixels];
      this.mixer = mixer;
    }
  }

  /** Keeps up to {@code ring.length - 1} batches being filled ahead of the consumer. */
  private final class Prefetching implements Iterator<Batch> {
    private final int[] order;
    private final int epoch;
    private final int batches;
    private final List<Future<?>> pending = new ArrayList<>();
    private int submitted;
    private int taken;

    Prefetching(int[] order, int epoch, int batches) {
      this.order = order;
      this.epoch = epoch;
      this.batches = batches;
      for (int i = 0; i < batches; i++) {
        pending.add(null);
      }
      while (submitted < Math.min(batches, ring.length - 1)) {
        submit();
      }
    }

    private void submit() {
      int index = submitted++;
      Batch target = ring[index % ring.length];
      pending.set(index, workers.submit(() -> fill(target, order, index, epoch)));
    }

    /**
     * Waits until every batch still being filled is done, so a new epoch can reuse the ring.
     * (Cancelling would not do: a cancelled task that already runs keeps writing.)
     */
    void finish() {
      for (Future<?> future : pending) {
        if (future == null) {
          continue;
        }
        try {
          future.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ClothingException("interrupted while finishing an epoch", e);
        } catch (ExecutionException e) {
          // that batch failed, and so no longer touches the ring
        }
      }
    }

    @Override
    public boolean hasNext() {
      return taken < batches;
    }

    @Override
    public Batch next() {
      if (taken >= batches) {
        throw new NoSuchElementException();
      }
      // The consumer is done with the previous batch, so its buffer may be refilled.
      if (submitted < batches) {
        submit();
      }
      int index = taken++;
      try {
        pending.get(index).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClothingException("interrupted while waiting for a batch", e);
      } catch (ExecutionException e) {
        throw new ClothingException("filling batch " + index + " failed: " + e.getCause(),
            e.getCause());
      }
      pending.set(index, null);
      return ring[index % ring.length];
    }
  }

  /** Configures a {@link BatchPipeline}. Not thread-safe. */
  public static final class Builder {
    private final ImageDataset data;
    private int batchSize = 64;
    private List<PreprocessingStage> stages = List.of();
    private List<Augmentation> augmentations = List.of();
    private boolean shuffle;
    private long seed;
    private float[] targets;
    private MixingSpec mixing;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    private int prefetch = 4;

    private Builder(ImageDataset data) {
      this.data = Objects.requireNonNull(data, "data");
    }

    /** Images per batch (default 64). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Deterministic stages applied to every image (default none). */
    public Builder preprocessing(List<PreprocessingStage> stages) {
      this.stages = List.copyOf(stages);
      return this;
    }

    /** Random stages applied after preprocessing; training data only (default none). */
    public Builder augmentation(List<Augmentation> augmentations) {
      this.augmentations = List.copyOf(augmentations);
      return this;
    }

    /**
     * Soft training targets instead of one-hot labels: 10 floats per row of the data set, in
     * row order (not copied; must not change while the pipeline runs). Default: one-hot labels.
     *
     * @throws IllegalArgumentException if there are not exactly 10 per row
     */
    public Builder targets(float[] targets) {
      if (targets.length != (long) data.size() * Garment.COUNT) {
        throw new IllegalArgumentException("expected " + Garment.COUNT + " targets for each of "
            + data.size() + " images, got " + targets.length + " floats");
      }
      this.targets = targets;
      return this;
    }

    /** Whether each epoch visits the images in a new seeded order (default false). */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /**
     * Mixes training batches with shuffled copies of themselves (CutMix or mixup, as often as
     * the spec says), after augmentation; null (the default) for no mixing.
     */
    public Builder mixing(MixingSpec mixing) {
      this.mixing = mixing;
      return this;
    }

    /** The seed for shuffling, augmentation and mixing (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Background threads filling batches; 0 fills them on the consumer's thread (default: the
     * processors less one, at least one).
     */
    public Builder threads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("threads must be at least 0, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Batches filled ahead of the consumer, at least 1 (default 4). */
    public Builder prefetch(int prefetch) {
      if (prefetch < 1) {
        throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
      }
      this.prefetch = prefetch;
      return this;
    }

    /** The pipeline; start its threads. */
    public BatchPipeline build() {
      return new BatchPipeline(this);
    }
  }
}
