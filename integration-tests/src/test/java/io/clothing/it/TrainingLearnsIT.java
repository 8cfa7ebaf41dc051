package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clothing.cli.ClothingCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast recipe really learns, and the same seed gives the same run. */
class TrainingLearnsIT {

  private static JsonNode train(Path out) throws Exception {
    RealData.get();
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = ClothingCommand.run(new String[] {"train", "--recipe", "fast", "--epochs", "2",
        "--offline", "--out", out.toString()}, new PrintWriter(stdout, true),
        new PrintWriter(stderr, true));
    assertThat(code).as(stderr.toString()).isZero();
    return new ObjectMapper().readTree(out.resolve("report").resolve("metrics.json").toFile());
  }

  @Test
  void twoEpochsOfTheFastRecipeReachEightyEightPercentReproducibly(@TempDir Path dir)
      throws Exception {
    JsonNode first = train(dir.resolve("a"));
    assertThat(first.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.88);
    JsonNode history = first.get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(1).get("train_loss").asDouble())
        .isLessThan(history.get(0).get("train_loss").asDouble());
    assertThat(history.get(1).get("validation_loss").asDouble())
        .isLessThan(history.get(0).get("validation_loss").asDouble());

    JsonNode second = train(dir.resolve("b"));
    assertThat(second.get("accuracy")).isEqualTo(first.get("accuracy"));
    assertThat(second.get("classification_report")).isEqualTo(first.get("classification_report"));
    for (int e = 0; e < 2; e++) {
      for (String field : new String[] {"train_loss", "train_accuracy", "validation_loss",
          "validation_accuracy"}) {
        assertThat(second.get("history").get(e).get(field))
            .isEqualTo(history.get(e).get(field));
      }
    }
  }
}
