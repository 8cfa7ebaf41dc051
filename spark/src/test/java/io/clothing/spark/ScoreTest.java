package io.clothing.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clothing score} in local mode, end to end. */
class ScoreTest {

  private static int score(StringWriter out, String... args) {
    return Score.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
  }

  @Test
  void writesOneJsonRowPerFileAndCountsTheUnreadable(@TempDir Path dir) throws IOException {
    Path images = Files.createDirectories(dir.resolve("images"));
    Random random = new Random(3);
    for (int i = 0; i < 6; i++) {
      ClothingClassifierTest.writePng(ClothingClassifierTest.blob(random),
          images.resolve("img-" + i + ".png"));
    }
    Files.writeString(images.resolve("notes.png"), "not an image");
    StringWriter out = new StringWriter();
    int code = score(out, "--input", images.toString(), "--output",
        dir.resolve("scores").toString(), "--format", "json", "--master", "local[2]");
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("Scored 7 images (1 unreadable)");
    List<String> rows;
    try (Stream<Path> parts = Files.list(dir.resolve("scores"))) {
      rows = parts.filter(p -> p.getFileName().toString().endsWith(".json"))
          .flatMap(p -> {
            try {
              return Files.readAllLines(p).stream();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).toList();
    }
    assertThat(rows).hasSize(7);
    assertThat(rows).filteredOn(r -> r.contains("notes.png")).singleElement()
        .asString().contains("\"error\"").doesNotContain("\"garment\"");
    assertThat(rows).filteredOn(r -> r.contains("img-")).allMatch(r -> r.contains("\"garment\""));
  }

  @Test
  void refusesAnInputThatNamesNoFileAsABadArgument(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    int code = score(out, "--input", dir.resolve("missing").toString(), "--output",
        dir.resolve("out").toString());
    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).contains("no such file or directory");
  }
}
