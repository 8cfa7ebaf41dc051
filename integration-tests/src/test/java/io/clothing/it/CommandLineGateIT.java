package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.cli.ClothingCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clothing evaluate --reference} gates a build on the pretrained model's metrics. */
class CommandLineGateIT {

  private static int evaluate(Path out, String reference, StringWriter stdout) {
    RealData.get();
    return ClothingCommand.run(new String[] {"evaluate", "--offline", "--out", out.toString(),
        "--reference", reference}, new PrintWriter(stdout, true),
        new PrintWriter(new StringWriter(), true));
  }

  @Test
  void exitsZeroForTheCommittedReferenceAndNonZeroForOneTheModelCannotMeet(@TempDir Path dir)
      throws Exception {
    StringWriter real = new StringWriter();
    assertThat(evaluate(dir.resolve("a"), "pretrained", real)).as(real.toString()).isZero();
    assertThat(real.toString()).contains("Verdict: meets the reference.");

    Path unattainable = Files.writeString(dir.resolve("unattainable.json"), """
        {"name": "unattainable", "tolerance": 0, "accuracy": 0.999,
         "classes": {"Shirt": {"f1": 0.99}}}
        """);
    StringWriter strict = new StringWriter();
    assertThat(evaluate(dir.resolve("b"), unattainable.toString(), strict)).isEqualTo(3);
    assertThat(strict.toString()).contains("Shirt          f1").contains("FALLS SHORT");
  }
}
