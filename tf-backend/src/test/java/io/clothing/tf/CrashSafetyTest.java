package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.GrayImage;
import io.clothing.api.ModelDirectories;
import io.clothing.api.RequestBatching;
import io.clothing.api.SeededRandom;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training and saving child JVM ({@link CrashChild}) with SIGKILL at seeded random
 * instants, again and again, and checks after every kill that the invariants hold: once a model
 * was saved, a loadable model is always there; the committed state is never behind the last
 * epoch reported; and the next complete run resumes, finishes and leaves no leftovers.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  private record Run(Process process, List<String> lines) {}

  private static Run start(Path dir, int saves) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.awt.headless=true", CrashChild.class.getName(), dir.toString(),
        String.valueOf(saves)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process was killed
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new Run(p, lines);
  }

  @Test
  void killsAtRandomInstantsNeverLoseTheModelOrMoreThanTheUnfinishedEpoch() throws Exception {
    Path model = dir.resolve("model");
    SeededRandom random = new SeededRandom(2024);
    boolean saved = false;
    int reported = 0;
    for (int i = 0; i < 8; i++) {
      Run run = start(dir, 40);
      Thread.sleep(1_500 + random.nextInt(4_000));
      run.process().destroyForcibly(); // SIGKILL
      assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100); // let the reader take the last lines
      for (String line : run.lines()) {
        saved |= line.equals("SAVED");
        if (line.startsWith("EPOCH ")) {
          reported = Math.max(reported, Integer.parseInt(line.substring(6)));
        }
      }
      if (saved) {
        Path found = ModelDirectories.resolve(model).orElseThrow(() ->
            new AssertionError("no loadable model after a kill"));
        try (Classifier classifier = Classifiers.load(found, RequestBatching.off())) {
          assertThat(classifier.predict(GrayImage.of(new byte[784])).probabilities())
              .hasSize(10);
        }
      }
      Path state = dir.resolve("work").resolve("state.json");
      if (reported > 0) {
        assertThat(state).exists();
        int committed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.toFile())
            .path("epoch").asInt();
        assertThat(committed).as("committed epoch after kill %d", i)
            .isGreaterThanOrEqualTo(Math.min(reported, 4));
      }
    }
    Run last = start(dir, 1);
    assertThat(last.process().waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(last.process().exitValue()).isZero();
    Thread.sleep(100);
    assertThat(last.lines()).contains("DONE true");
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())
          .filter(n -> n.contains(".saving-") || n.contains(".old-") || n.endsWith(".tmp")))
          .as("leftovers of earlier crashes").isEmpty();
    }
  }
}
