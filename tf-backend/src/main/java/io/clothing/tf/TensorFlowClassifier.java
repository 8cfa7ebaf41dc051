package io.clothing.tf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Classifier;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.ModelException;
import io.clothing.api.PluginRegistry;
import io.clothing.api.Prediction;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.PreprocessingStageProvider;
import io.clothing.api.RecipeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Classifier} over a validated SavedModel. Images are scaled to [0, 1] and passed through
 * the model's own saved preprocessing stages, then classified in batches of up to
 * {@value #MAX_BATCH} through one shared session.
 *
 * <p>Thread-safe: many threads may predict at once (TensorFlow sessions support concurrent runs);
 * {@link #close()} waits for running predictions and later calls throw {@link ModelException}.
 * Every tensor and result is closed, so native memory stays flat.
 */
final class TensorFlowClassifier implements Classifier {
  /** Images per TensorFlow call. */
  static final int MAX_BATCH = 256;

  private final Path location;
  private final SavedModelBundle bundle;
  private final Session session;
  private final String inputOp;
  private final int inputIndex;
  private final String outputOp;
  private final int outputIndex;
  private final List<PreprocessingStage> stages;
  private final ModelMetadata metadata;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private TensorFlowClassifier(Path location, SavedModelBundle bundle,
      ServingGraphValidator.Serving serving, List<PreprocessingStage> stages,
      ModelMetadata metadata) {
    this.location = location;
    this.bundle = bundle;
    this.session = bundle.session();
    this.inputOp = ServingGraphValidator.nodeName(serving.inputTensor());
    this.inputIndex = index(serving.inputTensor());
    this.outputOp = ServingGraphValidator.nodeName(serving.outputTensor());
    this.outputIndex = index(serving.outputTensor());
    this.stages = List.copyOf(stages);
    this.metadata = metadata;
  }

  /**
   * Validates and loads the model in {@code modelDir}.
   *
   * @param name how to call the model in messages (its directory, or "the pretrained model")
   * @throws ModelException if the model is refused or cannot be loaded
   */
  static TensorFlowClassifier load(Path modelDir, String name, TensorFlowRuntime runtime) {
    ModelMetadata metadata = ModelMetadata.read(modelDir);
    ServingGraphValidator.Serving serving = ServingGraphValidator.validate(modelDir);
    List<PreprocessingStage> stages = restoreStages(metadata, modelDir);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.loader(modelDir.toString()).withTags("serve")
          .withConfigProto(runtime.config()).load();
    } catch (RuntimeException e) {
      throw new ModelException(modelDir + ": TensorFlow cannot load the model: "
          + e.getMessage(), e);
    }
    return new TensorFlowClassifier(Path.of(name), bundle, serving, stages, metadata);
  }

  private static List<PreprocessingStage> restoreStages(ModelMetadata metadata, Path modelDir) {
    PluginRegistry<PreprocessingStageProvider> providers = PluginRegistry.discover(
        PreprocessingStageProvider.class, "preprocessing",
        TensorFlowClassifier.class.getClassLoader());
    List<PreprocessingStage> stages = new ArrayList<>();
    for (ObjectNode state : metadata.preprocessing()) {
      try {
        stages.add(providers.get(state.path("name").asText(), "preprocessing")
            .restore(state));
      } catch (RecipeException e) {
        throw new ModelException(modelDir + ": cannot rebuild its preprocessing: "
            + e.getMessage(), e);
      }
    }
    return stages;
  }

  private static int index(String tensor) {
    int colon = tensor.indexOf(':');
    return colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
  }

  /** The model's metadata. */
  ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public Prediction predict(GrayImage image) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    return predictAll(List.of(image)).get(0);
  }

  @Override
  public List<Prediction> predictAll(List<GrayImage> images) {
    if (images == null) {
      throw new IllegalArgumentException("images must not be null");
    }
    for (int i = 0; i < images.size(); i++) {
      GrayImage image = images.get(i);
      if (image == null) {
        throw new IllegalArgumentException("image " + i + " of " + images.size() + " is null");
      }
      if (!image.isModelSized()) {
        throw new IllegalArgumentException("the model takes 28x28 images, got "
            + image.width() + "x" + image.height()
            + "; convert other images with the preprocessing module's ImageImporter");
      }
    }
    byte[] bytes = new byte[GrayImage.PIXELS];
    return classify(images.size(), (row, target, offset) -> {
      images.get(row).copyPixelsTo(bytes, 0);
      for (int p = 0; p < GrayImage.PIXELS; p++) {
        target[offset + p] = (bytes[p] & 0xFF) / 255f;
      }
    });
  }

  @Override
  public List<Prediction> predictAll(ImageDataset images) {
    if (images == null) {
      throw new IllegalArgumentException("images must not be null");
    }
    if (images.width() != GrayImage.SIDE || images.height() != GrayImage.SIDE) {
      throw new IllegalArgumentException("the model takes 28x28 images, got "
          + images.width() + "x" + images.height());
    }
    return classify(images.size(),
        (row, target, offset) -> images.copyPixels(row, target, offset, 1f / 255f));
  }

  /**
   * The raw probabilities of {@code count} images, row-major {@code [count][10]}; used by the
   * evaluation code to avoid one object per image.
   */
  float[] probabilities(ImageDataset images) {
    float[] out = new float[images.size() * Garment.COUNT];
    run(images.size(), (row, target, offset) -> images.copyPixels(row, target, offset, 1f / 255f),
        out);
    return out;
  }

  private interface PixelSource {
    void write(int row, float[] target, int offset);
  }

  private List<Prediction> classify(int count, PixelSource source) {
    float[] probabilities = new float[count * Garment.COUNT];
    run(count, source, probabilities);
    List<Prediction> out = new ArrayList<>(count);
    float[] row = new float[Garment.COUNT];
    for (int i = 0; i < count; i++) {
      System.arraycopy(probabilities, i * Garment.COUNT, row, 0, Garment.COUNT);
      out.add(Prediction.of(row));
    }
    return out;
  }

  private void run(int count, PixelSource source, float[] probabilities) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new ModelException(location + ": the classifier is closed");
      }
      float[] pixels = new float[Math.min(count, MAX_BATCH) * GrayImage.PIXELS];
      for (int start = 0; start < count; start += MAX_BATCH) {
        int n = Math.min(MAX_BATCH, count - start);
        for (int i = 0; i < n; i++) {
          source.write(start + i, pixels, i * GrayImage.PIXELS);
          for (PreprocessingStage stage : stages) {
            stage.apply(pixels, i * GrayImage.PIXELS, GrayImage.PIXELS);
          }
        }
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, GrayImage.SIDE, GrayImage.SIDE, 1),
                DataBuffers.of(pixels, true, false).narrow((long) n * GrayImage.PIXELS));
            Result r = session.runner().feed(inputOp, inputIndex, x)
                .fetch(outputOp, outputIndex).run()) {
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(probabilities, false, false)
              .slice((long) start * Garment.COUNT, (long) n * Garment.COUNT));
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String description() {
    Double accuracy = metadata.metrics() != null && metadata.metrics().has("test_accuracy")
        ? metadata.metrics().get("test_accuracy").asDouble() : null;
    return "TensorFlow model '" + metadata.recipe().model().name() + "' (recipe "
        + metadata.recipe().name() + (accuracy == null ? ""
            : String.format(", test accuracy %.4f", accuracy)) + ") from " + location;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        bundle.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
