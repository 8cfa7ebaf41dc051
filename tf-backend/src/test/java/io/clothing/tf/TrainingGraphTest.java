package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.Batch;
import io.clothing.api.SeededRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

class TrainingGraphTest {
  private static final TensorFlowRuntime RUNTIME = new TensorFlowRuntime(2, 1);

  /** A learnable batch: class k is an image whose row k*2 is bright, plus noise. */
  static Batch learnable(int n, long seed) {
    Batch batch = new Batch(n, 28, 28);
    SeededRandom random = new SeededRandom(seed);
    float[] images = batch.images();
    for (int i = 0; i < n; i++) {
      int label = i % 10;
      for (int p = 0; p < 784; p++) {
        images[i * 784 + p] = random.nextFloat() * 0.3f + (p / 28 == label * 2 + 3 ? 1f : 0f);
      }
      batch.setLabel(i, label);
    }
    batch.setSize(n);
    return batch;
  }

  private static float[] variable(TrainingGraph graph, String name) {
    try (Result r = graph.session().runner().fetch(name).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.shape().size()];
      t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
      return out;
    }
  }

  @Test
  void gradientsBuildForEveryLayerTypeAndTheLossFalls() {
    try (TrainingGraph graph = TrainingGraph.build(TestRecipes.withLayers(TestRecipes.SMALL),
        RUNTIME)) {
      Batch batch = learnable(40, 1);
      float first = graph.step(batch, 0.01f).loss();
      float last = first;
      for (int i = 0; i < 60; i++) {
        last = graph.step(batch, 0.01f).loss();
      }
      assertThat(last).isLessThan(first * 0.5f);
    }
  }

  @Test
  void aModelEndingInGlobalAveragePoolingTrainsOnItsPooledScores() {
    // the pooling layer was taken for a final activation and skipped, so training fed
    // [N, 28, 28, 10] logits to the loss and failed inside TensorFlow
    try (TrainingGraph graph = TrainingGraph.build(TestRecipes.withLayers("""
        {"type": "conv2d", "filters": 10, "kernel_size": 3, "padding": "same"},
        {"type": "global_average_pooling2d"}"""), RUNTIME)) {
      Batch batch = learnable(20, 3);
      float first = graph.step(batch, 0.05f).loss();
      float last = first;
      for (int i = 0; i < 30; i++) {
        last = graph.step(batch, 0.05f).loss();
      }
      assertThat(last).isFinite().isLessThan(first);
      assertThat(graph.probabilities(batch)).hasSize(batch.size() * 10);
    }
  }

  @Test
  void movingStatisticsChangeInTrainingOnly() {
    try (TrainingGraph graph = TrainingGraph.build(TestRecipes.withLayers(TestRecipes.SMALL),
        RUNTIME)) {
      Batch batch = learnable(20, 2);
      float[] before = variable(graph, "batch_normalization_moving_mean");
      graph.evaluate(batch);
      graph.probabilities(batch);
      assertThat(variable(graph, "batch_normalization_moving_mean")).containsExactly(before);
      graph.step(batch, 0.01f);
      assertThat(variable(graph, "batch_normalization_moving_mean")).isNotEqualTo(before);
      assertThat(variable(graph, "batch_normalization_1_moving_variance"))
          .isNotEqualTo(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    }
  }

  @Test
  void inferenceIsDeterministicSoDropoutIsOff() {
    try (TrainingGraph graph = TrainingGraph.build(TestRecipes.withLayers(TestRecipes.SMALL),
        RUNTIME)) {
      Batch batch = learnable(20, 3);
      graph.step(batch, 0.01f);
      assertThat(graph.probabilities(batch)).containsExactly(graph.probabilities(batch));
    }
  }
}
