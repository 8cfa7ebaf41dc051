package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library as a dependency: installs the library's artifacts, builds the separate Maven
 * project in {@code src/it/embedding} (which imports {@code clothing-bom}, compiles against the
 * API, preprocessing and training, and runs with {@code clothing-tf-backend}) with a real Maven
 * run, runs it on the first test image, and runs its training example.
 */
class EmbeddingIT {

  @Test
  void aSeparateProjectDependingOnTheLibraryPredictsTheRightClass() throws Exception {
    RealData.get();
    Path root = Path.of(System.getProperty("clothing.projectRoot"));
    String version = System.getProperty("clothing.version");
    Path project = root.resolve("integration-tests/src/it/embedding");
    Path target = Files.createTempDirectory("clothing-embedding-");
    run(root, root.resolve("mvnw").toString(), "-B", "-q", "install", "-DskipTests",
        "-Dmaven.javadoc.skip=true", "-pl", "bom,tf-backend,training", "-am");
    run(project, root.resolve("mvnw").toString(), "-B", "-q", "package",
        "-Dclothing.version=" + version, "-DbuildDirectory=" + target);
    String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = target.resolve("classes") + java.io.File.pathSeparator
        + target.resolve("lib") + "/*";
    String out = run(project, javaCommand, "-cp", classPath, "example.Main");
    assertThat(out.lines().toList()).contains("Ankle boot");

    // the README's training example: one epoch of the fast recipe on the 60,000 training images
    Path model = target.resolve("my-model");
    String trained = run(project, javaCommand, "-cp", classPath, "example.TrainMain",
        model.toString());
    assertThat(model.resolve("clothing-model.json")).exists();
    List<String> lines = trained.lines().toList();
    String accuracy = lines.stream().filter(l -> l.startsWith("validation accuracy "))
        .findFirst().orElseThrow().substring("validation accuracy ".length());
    // one epoch: far above chance (0.1), though not yet the six epochs' 0.92
    assertThat(Double.parseDouble(accuracy)).isGreaterThan(0.6);
    assertThat(lines).containsAnyElementsOf(io.clothing.api.Garment.displayNames());
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
