package io.clothing.preprocessing;

import io.clothing.api.Batch;
import io.clothing.api.Garment;
import io.clothing.api.MixingSpec;
import io.clothing.api.MixingType;
import io.clothing.api.SeededRandom;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * Mixes a filled training batch with a shuffled copy of itself, as {@link MixingSpec} describes:
 * CutMix as {@code clovaai/CutMix-PyTorch}'s {@code train.py} does it (one {@code lambda} and one
 * rectangle for the whole batch, {@code lambda} then corrected to the share of pixels kept), mixup
 * as {@code facebookresearch/mixup-cifar10}'s {@code train.py} does it.
 *
 * <p>Each thread that fills batches keeps its own mixer: it holds the scratch copies of one batch
 * and a generator, so it is not thread-safe, and after construction it allocates nothing.
 */
final class BatchMixer {
  private final MixingSpec spec;
  private final SeededRandom random = new SeededRandom(0);
  private final ContinuousSampler beta;
  private final float[] images;
  private final float[] targets;
  private final int[] partners;

  /** A mixer for batches of up to {@code capacity} images of {@code pixels} floats each. */
  BatchMixer(MixingSpec spec, int capacity, int pixels) {
    this.spec = spec;
    this.beta = ChengBetaSampler.of(random::nextLong, spec.alpha(), spec.alpha());
    this.images = new float[capacity * pixels];
    this.targets = new float[capacity * Garment.COUNT];
    this.partners = new int[capacity];
  }

  /**
   * Mixes {@code batch} (its first {@code size} images and targets) in place, drawing every
   * random choice from a generator seeded by (seed, epoch, batch index), so that the same batch
   * is mixed the same way on any thread.
   */
  void mix(Batch batch, long seed, long epoch, long batchIndex) {
    random.reseed(seed, epoch, -2 - batchIndex);
    int count = batch.size();
    if (count < 2 || random.nextDouble() >= spec.probability()) {
      return;
    }
    double lambda = beta.sample();
    for (int i = 0; i < count; i++) {
      partners[i] = i;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = partners[i];
      partners[i] = partners[j];
      partners[j] = t;
    }
    int pixels = batch.pixelsPerImage();
    System.arraycopy(batch.images(), 0, images, 0, count * pixels);
    System.arraycopy(batch.oneHotLabels(), 0, targets, 0, count * Garment.COUNT);
    if (spec.type() == MixingType.CUTMIX) {
      lambda = pasteBox(batch, count, lambda);
    } else {
      blend(batch, count, (float) lambda);
    }
    float own = (float) lambda;
    float other = (float) (1 - lambda);
    float[] mixed = batch.oneHotLabels();
    for (int i = 0; i < count; i++) {
      int a = i * Garment.COUNT;
      int b = partners[i] * Garment.COUNT;
      for (int k = 0; k < Garment.COUNT; k++) {
        mixed[a + k] = own * targets[a + k] + other * targets[b + k];
      }
    }
  }

  /**
   * Pastes one random rectangle of each image's partner into it: a box of side
   * {@code floor(side * sqrt(1 - lambda))} centred on a uniformly drawn pixel and clipped to the
   * image. Returns the share of pixels each image keeps.
   */
  private double pasteBox(Batch batch, int count, double lambda) {
    int width = batch.width();
    int height = batch.height();
    double cut = Math.sqrt(1 - lambda);
    int halfWidth = (int) (width * cut) / 2;
    int halfHeight = (int) (height * cut) / 2;
    int centreX = random.nextInt(width);
    int centreY = random.nextInt(height);
    int x1 = Math.max(centreX - halfWidth, 0);
    int x2 = Math.min(centreX + halfWidth, width);
    int y1 = Math.max(centreY - halfHeight, 0);
    int y2 = Math.min(centreY + halfHeight, height);
    int pixels = width * height;
    float[] out = batch.images();
    for (int i = 0; i < count; i++) {
      int from = partners[i] * pixels;
      int to = i * pixels;
      for (int y = y1; y < y2; y++) {
        System.arraycopy(images, from + y * width + x1, out, to + y * width + x1, x2 - x1);
      }
    }
    return 1 - (double) (x2 - x1) * (y2 - y1) / pixels;
  }

  /** Replaces each image by {@code lambda * itself + (1 - lambda) * its partner}. */
  private void blend(Batch batch, int count, float lambda) {
    int pixels = batch.pixelsPerImage();
    float other = 1 - lambda;
    float[] out = batch.images();
    for (int i = 0; i < count; i++) {
      int a = i * pixels;
      int b = partners[i] * pixels;
      for (int p = 0; p < pixels; p++) {
        out[a + p] = lambda * images[a + p] + other * images[b + p];
      }
    }
  }
}
