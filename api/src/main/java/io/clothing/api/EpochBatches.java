package io.clothing.api;

import java.util.Iterator;

/**
 * A source of batches, epoch by epoch: the input pipeline a trainer consumes. For training data
 * each epoch has its own seeded order and augmentation; for validation data every epoch is the
 * same. Batches handed out by an iterator are reused, so a consumer finishes with one before it
 * asks for the next.
 *
 * <p>Implementations are used by one consumer thread at a time; they may fill batches on
 * background threads.
 */
public interface EpochBatches extends AutoCloseable {

  /** Images per epoch. */
  int size();

  /** Images per batch (the last batch of an epoch may hold fewer). */
  int batchSize();

  /** Batches per epoch. */
  default int batchesPerEpoch() {
    return (size() + batchSize() - 1) / batchSize();
  }

  /** The batches of epoch {@code epoch} (1-based), in order. */
  Iterator<Batch> epoch(int epoch);

  /** Stops any background work. */
  @Override
  void close();
}
