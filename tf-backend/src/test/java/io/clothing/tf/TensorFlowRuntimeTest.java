package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.clothing.api.ImageDataset;
import io.clothing.api.TrainingListener;
import io.clothing.api.testing.BarImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFlowRuntimeTest {
  // flag names as Linux prints them in /proc/cpuinfo (arch/x86/include/asm/cpufeatures.h:
  // X86_FEATURE_AVX512_BF16 "avx512_bf16", X86_FEATURE_AMX_BF16 "amx_bf16")
  private static final String ZEN4 = """
      processor\t: 0
      vendor_id\t: AuthenticAMD
      flags\t\t: fpu vme avx2 avx512f avx512bw avx512_bf16 avx512_vnni
      bugs\t\t: sysret_ss_attrs
      """;
  private static final String SAPPHIRE_RAPIDS = "flags\t: fpu avx512f amx_bf16 amx_tile\n";
  private static final String ZEN1 = """
      processor\t: 0
      flags\t\t: fpu vme sse4_2 avx avx2 fma sha_ni
      """;

  @Test
  void bfloat16IsRecognisedFromTheProcessorFlags() {
    assertThat(TensorFlowRuntime.hasBfloat16Flag(ZEN4)).isTrue();
    assertThat(TensorFlowRuntime.hasBfloat16Flag(SAPPHIRE_RAPIDS)).isTrue();
    assertThat(TensorFlowRuntime.hasBfloat16Flag(ZEN1)).isFalse();
    assertThat(TensorFlowRuntime.hasBfloat16Flag("flags\t: avx512_bf16x\n")).isFalse();
    assertThat(TensorFlowRuntime.hasBfloat16Flag("")).isFalse();
  }

  @Test
  void bfloat16IsOffUnlessAskedFor() {
    assertThat(TensorFlowRuntime.forTraining().bfloat16()).isFalse();
    assertThat(System.getProperty("clothing.tf.bfloat16")).isNull();
    assertThat(TensorFlowRuntime.forInference().bfloat16()).isFalse();
    assertThat(new TensorFlowRuntime(1, 2).bfloat16()).isFalse();
  }

  @Test
  void aProcessWithATrainerLoadsModelsWithTheTrainingThreadCounts() {
    // a distillation teacher predicts before training starts: if its session came first with
    // one thread per op, TensorFlow's pool would keep training at one thread per op
    new TensorFlowTrainer(new TensorFlowRuntime(2, 1));
    TensorFlowRuntime loading = TensorFlowRuntime.forInference();
    assertThat(loading.intraOpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(loading.interOpThreads()).isEqualTo(1);
  }

  @Test
  void aBfloat16SessionAnswersCloseToFloat32ButNotInEveryBit(@TempDir Path dir) {
    assumeThat(TensorFlowRuntime.cpuComputesBfloat16()).as("a CPU with bfloat16").isTrue();
    ImageDataset images = BarImages.learnable(10, 3);
    Path model = TensorFlowTrainerTest.train(TensorFlowTrainerTest.recipe(3), dir, false,
        new TensorFlowTrainer(new TensorFlowRuntime(2, 1)), TrainingListener.NONE).modelDir();
    float[] exact;
    float[] rounded;
    try (TensorFlowClassifier float32 = TensorFlowClassifier.load(model, "f32",
        new TensorFlowRuntime(1, 2, false), 1);
        TensorFlowClassifier bfloat16 = TensorFlowClassifier.load(model, "bf16",
            new TensorFlowRuntime(1, 2, true), 1)) {
      exact = float32.probabilities(images);
      rounded = bfloat16.probabilities(images);
    }
    double largest = 0;
    for (int i = 0; i < exact.length; i++) {
      largest = Math.max(largest, Math.abs(exact[i] - rounded[i]));
    }
    assertThat(largest).as("largest probability difference").isLessThan(0.05)
        .isGreaterThan(0); // the rewrite took effect
  }
}
