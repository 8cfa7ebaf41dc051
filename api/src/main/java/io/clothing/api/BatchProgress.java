package io.clothing.api;

/**
 * Progress within an epoch, reported after every training batch.
 *
 * @param epoch 1-based epoch number
 * @param epochs epochs in the run
 * @param batch 1-based batch number within the epoch
 * @param batches batches in the epoch
 * @param images training images seen so far in this epoch
 * @param loss mean training loss so far in this epoch
 * @param accuracy training accuracy so far in this epoch, in [0, 1]
 * @param seconds wall-clock seconds since the epoch started
 */
public record BatchProgress(
    int epoch, int epochs, int batch, int batches, long images, double loss, double accuracy,
    double seconds) {

  /** Training images per second so far in this epoch. */
  public double imagesPerSecond() {
    return seconds <= 0 ? 0 : images / seconds;
  }
}
