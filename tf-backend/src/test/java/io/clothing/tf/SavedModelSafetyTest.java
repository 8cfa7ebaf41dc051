package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.Classifiers;
import io.clothing.api.ModelException;
import io.clothing.api.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** A model file is untrusted input: crafted models are refused before TensorFlow runs them. */
class SavedModelSafetyTest {
  @TempDir Path dir;

  /**
   * Exports a model whose probabilities are a softmax of the flattened image's first ten
   * values, with {@code sideEffect} (if any) as a control input of the output.
   */
  private Path export(String name, boolean writeFile) throws IOException {
    Path modelDir = dir.resolve(name);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> image = TrainingGraph.imageInput(tf);
      Operand<TFloat32> flat = tf.reshape(image, tf.constant(new long[] {-1, 784}));
      Operand<TFloat32> ten = tf.slice(flat, tf.constant(new int[] {0, 0}),
          tf.constant(new int[] {-1, 10}));
      Ops output = tf;
      if (writeFile) {
        Op write = tf.io.writeFile(tf.constant(dir.resolve("pwned.txt").toString()),
            tf.constant("written by a model"));
        output = tf.withControlDependencies(List.of(write));
      }
      Operand<TFloat32> probabilities = output.withName("probabilities").nn.softmax(ten);
      try (Session session = new Session(graph)) {
        Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
            .input("image", image).output("probabilities", probabilities).build();
        SavedModelBundle.exporter(modelDir.toString()).withTags("serve").withSession(session)
            .withFunction(SessionFunction.create(signature, session)).export();
      }
    }
    ModelMetadata.create(List.of(), TestRecipes.withLayers("{\"type\": \"flatten\"},"
            + " {\"type\": \"dense\", \"units\": 10}"), TrainingHistory.of(List.of()), Map.of())
        .write(modelDir);
    return modelDir;
  }

  @Test
  void aModelWithWriteFileInItsServingPathIsRefusedBeforeItRuns() throws IOException {
    Path crafted = export("crafted", true);
    assertThatThrownBy(() -> Classifiers.load(crafted))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("the serving computation contains operations outside the "
            + "allow-list: WriteFile");
    assertThat(dir.resolve("pwned.txt")).doesNotExist();
  }

  @Test
  void theSameModelWithoutTheSideEffectLoads() throws IOException {
    Path clean = export("clean", false);
    try (var classifier = Classifiers.load(clean)) {
      assertThat(classifier.predict(io.clothing.api.GrayImage.of(new byte[784]))
          .probabilities()).hasSize(10);
    }
  }

  @Test
  void refusesMissingOrForeignMetadataAndUnknownVersions() throws IOException {
    Path clean = export("versioned", false);
    Path metadata = clean.resolve(ModelMetadata.FILE_NAME);
    Files.writeString(metadata, Files.readString(metadata)
        .replace("\"format_version\" : 1", "\"format_version\" : 99"));
    assertThatThrownBy(() -> new TensorFlowBackend().load(clean))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("format version 99 is not supported");
    Files.delete(metadata);
    assertThatThrownBy(() -> Classifiers.load(clean))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("no backend recognises this model");
    assertThatThrownBy(() -> new TensorFlowBackend().load(clean))
        .hasMessageContaining("not a clothing model");
  }

  @Test
  void aCorruptSavedModelIsRefusedWithItsPath() throws IOException {
    Path clean = export("corrupt", false);
    Files.write(clean.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> Classifiers.load(clean))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(clean.resolve("saved_model.pb").toString());
  }
}
