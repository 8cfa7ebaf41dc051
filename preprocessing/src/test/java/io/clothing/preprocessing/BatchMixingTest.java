package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.Batch;
import io.clothing.api.ImageDataset;
import io.clothing.api.MixingSpec;
import io.clothing.api.MixingType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CutMix and mixup in the batch pipeline, checked against the same batches unmixed: the mixing
 * rules are those of the reference implementations named in {@link MixingSpec}.
 */
class BatchMixingTest {
  private static final int PIXELS = 784;
  private static final int SIDE = 28;

  /** The images and targets of every batch of one epoch, copied out of the pipeline. */
  private record Snapshot(float[] images, float[] targets, int[] labels) {}

  private static List<Snapshot> epoch(ImageDataset data, MixingSpec mixing, float[] soft,
      int threads) {
    BatchPipeline.Builder builder = BatchPipeline.builder(data).batchSize(16).shuffle(true)
        .seed(5).threads(threads).mixing(mixing);
    if (soft != null) {
      builder.targets(soft);
    }
    List<Snapshot> out = new ArrayList<>();
    try (BatchPipeline pipeline = builder.build()) {
      for (Iterator<Batch> it = pipeline.epoch(3); it.hasNext(); ) {
        Batch b = it.next();
        out.add(new Snapshot(Arrays.copyOf(b.images(), b.size() * PIXELS),
            Arrays.copyOf(b.oneHotLabels(), b.size() * 10), Arrays.copyOf(b.labels(), b.size())));
      }
    }
    return out;
  }

  private static boolean samePixels(float[] a, int imageA, float[] b, int imageB, int p) {
    return a[imageA * PIXELS + p] == b[imageB * PIXELS + p];
  }

  @Test
  void cutMixPastesOneRectangleOfAnotherImageAndMixesTargetsByTheAreaKept() {
    ImageDataset data = TestData.random(20, 4);
    List<Snapshot> plain = epoch(data, null, null, 0);
    List<Snapshot> mixed = epoch(data, new MixingSpec(MixingType.CUTMIX, 1, 1), null, 0);
    int boxesSeen = 0;
    for (int batch = 0; batch < plain.size(); batch++) {
      Snapshot before = plain.get(batch);
      Snapshot after = mixed.get(batch);
      assertThat(after.labels()).containsExactly(before.labels());
      int count = before.labels().length;
      // The rectangle: the bounding box of every pixel that changed anywhere in the batch.
      int x1 = SIDE;
      int y1 = SIDE;
      int x2 = 0;
      int y2 = 0;
      for (int i = 0; i < count; i++) {
        for (int p = 0; p < PIXELS; p++) {
          if (!samePixels(before.images(), i, after.images(), i, p)) {
            x1 = Math.min(x1, p % SIDE);
            y1 = Math.min(y1, p / SIDE);
            x2 = Math.max(x2, p % SIDE + 1);
            y2 = Math.max(y2, p / SIDE + 1);
          }
        }
      }
      int area = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
      boxesSeen += area > 0 ? 1 : 0;
      double kept = 1 - area / (double) PIXELS;
      boolean[] taken = new boolean[count];
      for (int i = 0; i < count; i++) {
        int partner = partner(before, after, i, count, x1, y1, x2, y2);
        assertThat(taken[partner]).as("each image is pasted from once").isFalse();
        taken[partner] = true;
        for (int p = 0; p < PIXELS; p++) {
          boolean inBox = p % SIDE >= x1 && p % SIDE < x2 && p / SIDE >= y1 && p / SIDE < y2;
          assertThat(samePixels(before.images(), inBox ? partner : i, after.images(), i, p))
              .as("batch %d image %d pixel %d", batch, i, p).isTrue();
        }
        for (int k = 0; k < 10; k++) {
          assertThat((double) after.targets()[i * 10 + k]).isCloseTo(
              kept * before.targets()[i * 10 + k]
                  + (1 - kept) * before.targets()[partner * 10 + k], within(1e-6));
        }
      }
    }
    assertThat(boxesSeen).isGreaterThan(plain.size() / 2);
  }

  /** The image whose pixels fill image {@code i}'s rectangle after mixing. */
  private static int partner(Snapshot before, Snapshot after, int i, int count,
      int x1, int y1, int x2, int y2) {
    for (int j = 0; j < count; j++) {
      boolean all = true;
      for (int y = y1; y < y2 && all; y++) {
        for (int x = x1; x < x2 && all; x++) {
          all = samePixels(before.images(), j, after.images(), i, y * SIDE + x);
        }
      }
      if (all) {
        return j;
      }
    }
    throw new AssertionError("no image of the batch fills image " + i + "'s rectangle");
  }

  @Test
  void mixupBlendsImagesAndSoftTargetsWithOneWeightPerBatch() {
    ImageDataset data = TestData.random(20, 6);
    float[] soft = new float[data.size() * 10];
    for (int i = 0; i < soft.length; i++) {
      soft[i] = (i % 10 == 0 ? 0.55f : 0.05f) + (i / 10) * 1e-4f;
    }
    List<Snapshot> plain = epoch(data, null, soft, 0);
    List<Snapshot> mixed = epoch(data, new MixingSpec(MixingType.MIXUP, 0.4, 1), soft, 0);
    for (int batch = 0; batch < plain.size(); batch++) {
      Snapshot before = plain.get(batch);
      Snapshot after = mixed.get(batch);
      int count = before.labels().length;
      double lambda = Double.NaN;
      for (int i = 0; i < count; i++) {
        int partner = -1;
        double weight = Double.NaN;
        for (int n = 0; n < count && partner < 0; n++) {
          // itself first: an image the shuffle paired with itself is left as it was
          int j = (i + n) % count;
          // after = w * own + (1 - w) * other: w by least squares, then checked at every pixel
          double num = 0;
          double den = 0;
          for (int p = 0; p < PIXELS; p++) {
            double own = before.images()[i * PIXELS + p];
            double other = before.images()[j * PIXELS + p];
            num += (after.images()[i * PIXELS + p] - other) * (own - other);
            den += (own - other) * (own - other);
          }
          double w = den == 0 ? 1 : num / den;
          boolean fits = true;
          for (int p = 0; p < PIXELS && fits; p++) {
            double expected = w * before.images()[i * PIXELS + p]
                + (1 - w) * before.images()[j * PIXELS + p];
            fits = Math.abs(after.images()[i * PIXELS + p] - expected) < 1e-5;
          }
          if (fits) {
            partner = j;
            weight = w;
          }
        }
        assertThat(partner).as("batch %d image %d is a blend of two images", batch, i)
            .isNotNegative();
        if (partner != i) {
          if (Double.isNaN(lambda)) {
            lambda = weight;
          }
          assertThat(weight).as("one weight for the whole batch").isCloseTo(lambda, within(1e-5));
          for (int k = 0; k < 10; k++) {
            assertThat((double) after.targets()[i * 10 + k]).isCloseTo(
                weight * before.targets()[i * 10 + k]
                    + (1 - weight) * before.targets()[partner * 10 + k], within(1e-4));
          }
        }
      }
    }
  }

  @Test
  void theMixingWeightFollowsTheBetaDistributionOfTheRecipesAlpha() {
    // Mixup's weight is its Beta(alpha, alpha) draw unchanged, so the weights read back from the
    // targets of many batches have that distribution's mean 1/2 and variance 1/(4 (2 alpha + 1)).
    ImageDataset data = TestData.random(300, 8);
    double alpha = 0.2;
    List<Double> weights = new ArrayList<>();
    for (Snapshot batch : epoch(data, new MixingSpec(MixingType.MIXUP, alpha, 1), null, 2)) {
      // an image mixed with one of another class: its own class holds the weight
      for (int i = 0; i < batch.labels().length; i++) {
        float own = batch.targets()[i * 10 + batch.labels()[i]];
        if (own < 1) {
          weights.add((double) own);
          break;
        }
      }
    }
    double mean = weights.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance = weights.stream().mapToDouble(w -> (w - mean) * (w - mean)).sum()
        / (weights.size() - 1);
    assertThat(weights.size()).isGreaterThan(150);
    assertThat(mean).isCloseTo(0.5, within(0.08));
    assertThat(variance).isCloseTo(1 / (4 * (2 * alpha + 1)), within(0.04));
  }

  @Test
  void withProbabilityAHalfSomeBatchesStayUnmixed() {
    ImageDataset data = TestData.random(40, 2);
    List<Snapshot> plain = epoch(data, null, null, 0);
    List<Snapshot> mixed = epoch(data, new MixingSpec(MixingType.CUTMIX, 1, 0.5), null, 0);
    int unchanged = 0;
    for (int batch = 0; batch < plain.size(); batch++) {
      unchanged += Arrays.equals(plain.get(batch).images(), mixed.get(batch).images())
          && Arrays.equals(plain.get(batch).targets(), mixed.get(batch).targets()) ? 1 : 0;
    }
    assertThat(unchanged).isBetween(plain.size() / 5, plain.size() * 4 / 5);
  }

  @Test
  void mixedBatchesAreBitIdenticalWhateverTheThreadCount() {
    ImageDataset data = TestData.random(15, 3);
    MixingSpec cutMix = new MixingSpec(MixingType.CUTMIX, 1, 0.7);
    List<Snapshot> one = epoch(data, cutMix, null, 0);
    List<Snapshot> three = epoch(data, cutMix, null, 3);
    assertThat(three).hasSameSizeAs(one);
    for (int i = 0; i < one.size(); i++) {
      assertThat(three.get(i).images()).containsExactly(one.get(i).images());
      assertThat(three.get(i).targets()).containsExactly(one.get(i).targets());
    }
  }
}
