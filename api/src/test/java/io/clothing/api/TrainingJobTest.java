package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingJobTest {
  @Test
  void aJobCopiesItsStagesAndProvenance() {
    List<PreprocessingStage> stages = new ArrayList<>();
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("data", "sha256:1");
    ModelTrainer.TrainingJob job = new ModelTrainer.TrainingJob(null, null, null, stages,
        Path.of("work"), Path.of("model"), false, provenance);
    provenance.put("data", "changed");
    stages.add(null);
    assertThat(job.provenance()).containsEntry("data", "sha256:1");
    assertThat(job.preprocessing()).isEmpty();
    assertThatThrownBy(() -> job.provenance().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
