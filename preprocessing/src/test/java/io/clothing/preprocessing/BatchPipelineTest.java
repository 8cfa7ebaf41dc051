package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.Augmentation;
import io.clothing.api.Batch;
import io.clothing.api.ImageDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {

  /** Adds uniform noise in [0, 1) to every pixel: uses the per-image generator. */
  private static final Augmentation NOISE = (src, so, dst, d, w, h, random) -> {
    for (int i = 0; i < w * h; i++) {
      dst[d + i] = src[so + i] + random.nextFloat();
    }
  };

  private static List<float[]> epochImages(BatchPipeline pipeline, int epoch) {
    List<float[]> out = new ArrayList<>();
    for (Iterator<Batch> it = pipeline.epoch(epoch); it.hasNext(); ) {
      Batch b = it.next();
      out.add(Arrays.copyOf(b.images(), b.size() * b.pixelsPerImage()));
    }
    return out;
  }

  @Test
  void fillsScaledPixelsAndOneHotLabelsInOrderWithoutShuffling() {
    ImageDataset data = TestData.random(3, 8);
    try (BatchPipeline pipeline = BatchPipeline.builder(data).batchSize(8).threads(0).build()) {
      assertThat(pipeline.batchesPerEpoch()).isEqualTo(4);
      Iterator<Batch> it = pipeline.epoch(1);
      Batch first = it.next();
      assertThat(first.size()).isEqualTo(8);
      assertThat(first.images()[784 + 5]).isEqualTo(data.pixel(1, 5) / 255f);
      assertThat(Arrays.copyOfRange(first.oneHotLabels(), 10, 20))
          .containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
      it.next();
      it.next();
      Batch last = it.next();
      assertThat(last.size()).isEqualTo(6);
      assertThat(last.sourceRows()[5]).isEqualTo(29);
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void softTargetsFollowTheirImagesThroughTheShuffleAndLabelsStayTrue() {
    ImageDataset data = TestData.random(3, 8);
    float[] targets = new float[data.size() * 10];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = i / 1000f;
    }
    try (BatchPipeline pipeline = BatchPipeline.builder(data).batchSize(7).shuffle(true).seed(3)
        .targets(targets).threads(2).build()) {
      int seen = 0;
      for (Iterator<Batch> it = pipeline.epoch(2); it.hasNext(); ) {
        Batch b = it.next();
        for (int i = 0; i < b.size(); i++) {
          int row = b.sourceRows()[i];
          assertThat(Arrays.copyOfRange(b.oneHotLabels(), i * 10, i * 10 + 10))
              .containsExactly(Arrays.copyOfRange(targets, row * 10, row * 10 + 10));
          assertThat(b.labels()[i]).isEqualTo(data.labelIndex(row));
          seen++;
        }
      }
      assertThat(seen).isEqualTo(data.size());
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BatchPipeline.builder(data)
        .targets(new float[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 10 targets for each of 30 images, got 10 floats");
  }

  @Test
  void shufflingVisitsEveryImageOncePerEpochInAnEpochSpecificOrder() {
    ImageDataset data = TestData.random(5, 1);
    try (BatchPipeline pipeline = BatchPipeline.builder(data).shuffle(true).seed(3).build()) {
      int[] one = pipeline.order(1);
      assertThat(Arrays.stream(one).sorted().toArray())
          .containsExactly(java.util.stream.IntStream.range(0, 50).toArray());
      assertThat(one).isNotEqualTo(pipeline.order(2));
      assertThat(one).isEqualTo(pipeline.order(1));
    }
  }

  @Test
  void augmentedBatchesAreBitIdenticalWhateverTheThreadCount() {
    ImageDataset data = TestData.random(10, 2);
    List<List<float[]>> runs = new ArrayList<>();
    for (int threads : new int[] {0, 1, 3}) {
      try (BatchPipeline pipeline = BatchPipeline.builder(data).batchSize(7).shuffle(true)
          .seed(99).threads(threads).prefetch(2).augmentation(List.of(NOISE, NOISE)).build()) {
        List<float[]> images = epochImages(pipeline, 1);
        images.addAll(epochImages(pipeline, 2));
        runs.add(images);
      }
    }
    for (List<float[]> run : runs.subList(1, runs.size())) {
      assertThat(run).hasSameSizeAs(runs.get(0));
      for (int i = 0; i < run.size(); i++) {
        assertThat(run.get(i)).containsExactly(runs.get(0).get(i));
      }
    }
    // and the augmentation really ran: pixels are no longer multiples of 1/255
    float v = runs.get(0).get(0)[0];
    assertThat(v * 255 - Math.round(v * 255)).isNotZero();
  }

  @Test
  void preprocessingRunsBeforeAugmentation() {
    ImageDataset data = ImageDataset.of(1, 1, new byte[] {(byte) 255}, new byte[] {0});
    Standardization shift = new Standardization(1.0, 0.5); // 1.0 -> 0.0
    Augmentation doubleIt = (s, so, d, dof, w, h, r) -> d[dof] = 2 * s[so] + 1;
    try (BatchPipeline pipeline = BatchPipeline.builder(data).threads(0)
        .preprocessing(List.of(shift)).augmentation(List.of(doubleIt)).build()) {
      assertThat(pipeline.epoch(1).next().images()[0]).isEqualTo(1f);
    }
  }

  @Test
  void anEpochAbandonedHalfWayDoesNotDisturbTheNext() {
    ImageDataset data = TestData.random(20, 5);
    try (BatchPipeline pipeline = BatchPipeline.builder(data).batchSize(10).threads(2)
        .shuffle(true).seed(1).build();
        BatchPipeline reference = BatchPipeline.builder(data).batchSize(10).threads(0)
            .shuffle(true).seed(1).build()) {
      pipeline.epoch(1).next();
      List<float[]> second = epochImages(pipeline, 2);
      List<float[]> expected = epochImages(reference, 2);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(second.get(i)).containsExactly(expected.get(i));
      }
    }
  }
}
