package io.clothing.tf;

import io.clothing.api.ModelDirectories;
import io.clothing.api.ModelException;
import io.clothing.api.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a trained model as a SavedModel holding only the inference computation (no training
 * ops, no optimizer slots) plus its {@link ModelMetadata}, crash-safely as
 * {@link ModelDirectories} describes: a kill at any instant leaves a loadable model.
 */
final class ServingExport {
  private ServingExport() {}

  /**
   * Exports the weights in checkpoint {@code checkpoint} of {@code recipe}'s model.
   *
   * @return {@code modelDir}
   */
  static Path export(TrainingRecipe recipe, Path checkpoint, ModelMetadata metadata,
      Path modelDir, TensorFlowRuntime runtime) {
    Path staging;
    try {
      ModelDirectories.recover(modelDir);
      staging = ModelDirectories.stage(modelDir);
    } catch (IOException e) {
      throw new ModelException("cannot create a directory beside " + modelDir + ": " + e, e);
    }
    try {
      Path saved = staging.resolve("model");
      writeSavedModel(recipe, checkpoint, saved, runtime);
      metadata.write(saved); // last: a staged copy with metadata is complete
      ModelDirectories.publish(staging, modelDir);
      return modelDir;
    } catch (IOException e) {
      throw new ModelException("cannot move the saved model into " + modelDir + ": " + e, e);
    } finally {
      ModelDirectories.deleteTree(staging);
    }
  }

  private static void writeSavedModel(TrainingRecipe recipe, Path checkpoint, Path target,
      TensorFlowRuntime runtime) {
    Network model = Network.from(recipe.model());
    try (Graph graph = new Graph()) {
      GraphBuilder b = new GraphBuilder(graph, recipe.seed());
      Ops tf = b.tf();
      Placeholder<TFloat32> image = TrainingGraph.imageInput(tf);
      model.createVariables(b);
      Operand<TFloat32> probabilities;
      if (recipe.inference().averageHorizontalFlip()) {
        // the mean of the image's and its mirror image's probabilities
        Operand<TFloat32> mirrored = tf.reverse(image, tf.constant(new int[] {2}));
        probabilities = tf.withName("probabilities").math.mul(tf.constant(0.5f),
            tf.math.add(tf.nn.softmax(model.logits(b, image, false)),
                tf.nn.softmax(model.logits(b, mirrored, false))));
      } else {
        probabilities = tf.withName("probabilities").nn.softmax(model.logits(b, image, false));
      }
      try (Session session = runtime.newSession(graph)) {
        session.restore(checkpoint.toString());
        Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
            .methodName("tensorflow/serving/predict")
            .input("image", image).output("probabilities", probabilities).build();
        SavedModelBundle.exporter(target.toString()).withTags("serve").withSession(session)
            .withFunction(SessionFunction.create(signature, session)).export();
      } catch (IOException e) {
        throw new ModelException("cannot export the model to " + target + ": " + e, e);
      }
    }
  }
}
