package io.clothing.augmentation.bench;

import io.clothing.api.Augmentation;
import io.clothing.api.SeededRandom;
import io.clothing.api.StageSpec;
import io.clothing.augmentation.Augmentations;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Images per second that one thread augments, per stage configuration (the seed's preset is the
 * one with a throughput goal: at least 20,000 images/s per core). Run with
 * {@code ./augmentation/bench.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class AugmentationBenchmark {
  @Param({"seed_preset", "crop_flip", "crop_flip_erasing"})
  public String stages;

  private List<Augmentation> augmentations;
  private final float[] a = new float[784];
  private final float[] b = new float[784];
  private final SeededRandom random = new SeededRandom(1);
  private long image;

  @Setup
  public void setUp() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    String spec = switch (stages) {
      case "seed_preset" -> "[{\"name\": \"image_data_generator\", \"preset\": \"seed\"}]";
      case "crop_flip" -> "[{\"name\": \"random_crop\", \"padding\": 2},"
          + " {\"name\": \"horizontal_flip\"}]";
      default -> "[{\"name\": \"random_crop\", \"padding\": 2}, {\"name\": \"horizontal_flip\"},"
          + " {\"name\": \"random_erasing\", \"probability\": 0.3}]";
    };
    List<StageSpec> specs = new java.util.ArrayList<>();
    for (var node : json.readTree(spec)) {
      specs.add(StageSpec.of(node.get("name").asText(),
          (com.fasterxml.jackson.databind.node.ObjectNode) node));
    }
    augmentations = Augmentations.create(specs, getClass().getClassLoader());
    for (int i = 0; i < 784; i++) {
      a[i] = (i % 28) / 28f;
    }
  }

  /** One image through every stage, with its own per-image generator, as the pipeline does. */
  @Benchmark
  public float augmentOneImage() {
    random.reseed(42, 1, image++);
    float[] current = a;
    float[] spare = b;
    for (Augmentation augmentation : augmentations) {
      augmentation.apply(current, 0, spare, 0, 28, 28, random);
      float[] t = current;
      current = spare;
      spare = t;
    }
    return current[400];
  }
}
