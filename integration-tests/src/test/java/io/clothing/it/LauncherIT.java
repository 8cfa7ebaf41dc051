package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.preprocessing.FashionMnist;
import io.clothing.reporting.ReportWriter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./clothing} launcher as a user runs it: a normal run prints only the library's own
 * output, none of TensorFlow's native start-up lines, and bad input exits 2 with one line.
 */
class LauncherIT {
  private static String[] run(Path root, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = root.resolve("clothing").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).directory(root.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new String[] {String.valueOf(p.exitValue()), out, err};
  }

  @Test
  void aNormalRunPrintsOnlyTheLibrarysOwnOutput(@TempDir Path dir) throws Exception {
    FashionMnist.Data data = RealData.get();
    Path png = dir.resolve("boot.png");
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, 28, 28, data.test().image(0).pixels());
    ReportWriter.savePng(image, png);
    Path root = Path.of(System.getProperty("clothing.projectRoot"));
    String[] result = run(root, "predict", png.toString());
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).contains("Ankle boot");
    assertThat(result[2]).doesNotContain("absl::InitializeLog").doesNotContain("MLIR V1");
    String[] bad = run(root, "predict", dir.resolve("missing.png").toString());
    assertThat(bad[0]).isEqualTo("2");
    // (the launcher may first say that it rebuilds, when sources are newer than its jar)
    assertThat(bad[2].strip().lines().reduce((a, b) -> b).orElse(""))
        .isEqualTo("error: " + dir.resolve("missing.png") + ": no such file");
  }
}
