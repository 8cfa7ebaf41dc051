package io.clothing.tf;

import io.clothing.api.ModelException;
import io.clothing.api.testing.ByteMutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The pretrained model's metadata and checkpoint index, mutated: read, or refused with
 * {@link ModelException}, never another exception. A longer run: {@code ./mvnw -pl tf-backend
 * test -Dtest=ModelFilesFuzzTest -Djqwik.tries.default=100000}.
 */
class ModelFilesFuzzTest {
  private static Path pretrained;
  private static Path dir;

  @BeforeContainer
  static void files() throws IOException {
    pretrained = TensorFlowBackend.pretrainedDirectory().orElseThrow();
    dir = Files.createTempDirectory("model-fuzz");
  }

  @Provide
  Arbitrary<byte[]> metadata() throws IOException {
    return ByteMutations.of(Files.readAllBytes(pretrained.resolve(ModelMetadata.FILE_NAME)));
  }

  @Provide
  Arbitrary<byte[]> indexes() throws IOException {
    return ByteMutations.of(Files.readAllBytes(pretrained.resolve(
        TensorFlowClassifier.WEIGHTS_PREFIX + ".index")));
  }

  @Property
  void mutatedMetadataIsReadOrRefused(@ForAll("metadata") byte[] bytes) {
    try {
      Files.write(dir.resolve(ModelMetadata.FILE_NAME), bytes);
      ModelMetadata metadata = ModelMetadata.read(dir);
      Network.from(metadata.recipe().model());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ModelException | io.clothing.api.RecipeException refused) {
      // the library's own refusal
    }
  }

  @Provide
  Arbitrary<byte[]> reliabilityFiles() throws IOException {
    return ByteMutations.of(Files.readAllBytes(pretrained.resolve(
        io.clothing.api.Reliability.FILE_NAME)));
  }

  @Property(tries = 100)
  void mutatedReliabilityFilesAreReadOrRefused(@ForAll("reliabilityFiles") byte[] bytes) {
    try {
      Files.write(dir.resolve(io.clothing.api.Reliability.FILE_NAME), bytes);
      io.clothing.api.Reliability.read(dir).ifPresent(r -> r.calibrate(new float[10]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ModelException refused) {
      // the library's own refusal
    }
  }

  @Property
  void mutatedCheckpointIndexesAreReadOrRefused(@ForAll("indexes") byte[] bytes) {
    try {
      TensorBundle.entries(dir.resolve("variables.index"), bytes);
    } catch (ModelException refused) {
      // the library's own refusal
    }
  }
}
