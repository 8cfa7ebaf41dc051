package io.clothing.cli;

import io.clothing.api.BatchProgress;
import io.clothing.api.EpochMetrics;
import io.clothing.api.TrainingListener;
import java.io.PrintWriter;

/**
 * Shows training progress in the shape of Keras' {@code fit} output:
 *
 * <pre>
 * Epoch 1/6
 * 422/422 [==============================] - 54s - 998 img/s - loss: 0.6102 - accuracy: 0.8120 - val_loss: 0.4211 - val_accuracy: 0.8870
 * </pre>
 *
 * On a terminal the line is redrawn after every batch with the ETA; otherwise only the finished
 * epoch line is printed. Called on the training thread only.
 */
final class KerasProgress implements TrainingListener {
  private static final int BAR = 30;

  private final PrintWriter out;
  private final boolean live;
  private BatchProgress last;
  private long lastDraw;

  KerasProgress(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public void onBatchEnd(BatchProgress p) {
    if (p.batch() == 1 || last == null || last.epoch() != p.epoch()) {
      out.printf("Epoch %d/%d%n", p.epoch(), p.epochs());
    }
    last = p;
    long now = System.nanoTime();
    if (live && (now - lastDraw > 100_000_000L || p.batch() == p.batches())) {
      lastDraw = now;
      double perBatch = p.seconds() / p.batch();
      double eta = perBatch * (p.batches() - p.batch());
      out.print("\r" + counter(p) + " - ETA: " + duration(eta) + " - "
          + String.format("%,.0f img/s - loss: %.4f - accuracy: %.4f", p.imagesPerSecond(),
              p.loss(), p.accuracy()) + "   ");
      out.flush();
    }
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    if (last == null) {
      return;
    }
    String line = counter(last) + " - " + duration(m.seconds())
        + String.format(" - %,.0f img/s - loss: %.4f - accuracy: %.4f", last.imagesPerSecond(),
            m.trainLoss(), m.trainAccuracy());
    if (!Double.isNaN(m.validationLoss())) {
      line += String.format(" - val_loss: %.4f - val_accuracy: %.4f", m.validationLoss(),
          m.validationAccuracy());
    }
    out.print((live ? "\r" : "") + line + String.format(" - lr: %.2g", m.learningRate()) + "\n");
    out.flush();
  }

  private static String counter(BatchProgress p) {
    int filled = (int) ((long) BAR * p.batch() / p.batches());
    String bar = "=".repeat(Math.max(0, filled - 1)) + (filled == BAR ? "=" : filled > 0 ? ">" : "")
        + ".".repeat(BAR - filled);
    String count = String.valueOf(p.batches());
    return String.format("%" + count.length() + "d/%s [%s]", p.batch(), count, bar);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format("%d:%02d", s / 60, s % 60) : s + "s";
  }
}
