package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The states a save killed at each instant leaves behind, and how each is read and repaired. */
class ModelDirectoriesTest {
  @TempDir Path dir;

  private Path complete(Path modelDir, String tag) throws IOException {
    Files.createDirectories(modelDir);
    Files.writeString(modelDir.resolve(ModelDirectories.METADATA_FILE), tag);
    return modelDir;
  }

  private static String tag(Path modelDir) throws IOException {
    return Files.readString(modelDir.resolve(ModelDirectories.METADATA_FILE));
  }

  @Test
  void killedBetweenTheTwoMovesTheStagedCopyIsReadAndThenPutInPlace() throws IOException {
    Path model = dir.resolve("model");
    complete(dir.resolve("model.old-1"), "previous");
    complete(dir.resolve("model.saving-2").resolve("model"), "new");
    assertThat(model).doesNotExist();
    assertThat(tag(ModelDirectories.resolve(model).orElseThrow())).isEqualTo("new");
    ModelDirectories.recover(model);
    assertThat(tag(model)).isEqualTo("new");
    assertThat(ModelDirectories.leftovers(model)).isEmpty();
  }

  @Test
  void killedWhileStagingTheOldModelStaysAndTheHalfCopyGoes() throws IOException {
    Path model = complete(dir.resolve("model"), "previous");
    Files.createDirectories(dir.resolve("model.saving-3").resolve("model").resolve("variables"));
    assertThat(tag(ModelDirectories.resolve(model).orElseThrow())).isEqualTo("previous");
    ModelDirectories.recover(model);
    assertThat(tag(model)).isEqualTo("previous");
    assertThat(ModelDirectories.leftovers(model)).isEmpty();
  }

  @Test
  void killedAfterTheFirstMoveOfTheFirstSaveOnlyTheOldCopyRemains() throws IOException {
    Path model = dir.resolve("model");
    complete(dir.resolve("model.old-4"), "previous");
    Files.createDirectories(dir.resolve("model.saving-5").resolve("model"));
    assertThat(tag(ModelDirectories.resolve(model).orElseThrow())).isEqualTo("previous");
  }

  @Test
  void aFullPublishReplacesTheModelAndLeavesNothingBeside() throws IOException {
    Path model = complete(dir.resolve("model"), "previous");
    Path staging = ModelDirectories.stage(model);
    complete(staging.resolve("model"), "new");
    ModelDirectories.publish(staging, model);
    assertThat(tag(model)).isEqualTo("new");
    assertThat(ModelDirectories.leftovers(model)).isEmpty();
    assertThat(ModelDirectories.resolve(dir.resolve("never-saved"))).isEmpty();
  }
}
