package io.clothing.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The entry point for host applications: loads a saved model, or the pretrained model shipped
 * with a backend, through whichever {@link ClassifierBackend} is on the class path.
 *
 * <pre>{@code
 * try (Classifier classifier = Classifiers.pretrained()) {
 *   Prediction p = classifier.predict(GrayImage.of(pixels));
 *   System.out.println(p.garment() + " " + p.confidence());
 * }
 * }</pre>
 *
 * <p>Thread-safe; stateless apart from the service look-up.
 */
public final class Classifiers {
  private Classifiers() {}

  /**
   * Loads the saved model in {@code modelDir} with the first backend that recognises it, with
   * {@link RequestBatching#defaults()}: concurrent {@code predict} calls share model runs.
   *
   * @throws ModelException if the directory does not exist, no backend is on the class path, or
   *     none recognises the model
   */
  public static Classifier load(Path modelDir) {
    return load(modelDir, RequestBatching.defaults());
  }

  /**
   * Loads the saved model in {@code modelDir} with the first backend that recognises it. If a
   * save was killed at the instant the model was being replaced, so that {@code modelDir} is
   * missing, the newest complete copy beside it is loaded (see {@link ModelDirectories}).
   *
   * @param batching how concurrent {@code predict} calls are merged; {@link RequestBatching#off()}
   *     for none; never null
   * @throws ModelException if the directory does not exist, no backend is on the class path, or
   *     none recognises the model
   */
  public static Classifier load(Path modelDir, RequestBatching batching) {
    checkBatching(batching);
    return batched(loadUnbatched(modelDir), batching);
  }

  private static Classifier loadUnbatched(Path requested) {
    // a save killed between its two moves leaves the model beside its place for an instant
    Path modelDir = ModelDirectories.resolve(requested).orElseThrow(() ->
        new ModelException(requested + ": no model directory there"));
    List<ClassifierBackend> backends = backends();
    for (ClassifierBackend backend : backends) {
      if (backend.canLoad(modelDir)) {
        return backend.load(modelDir);
      }
    }
    throw new ModelException(
        modelDir + ": no backend recognises this model (backends on the class path: "
            + names(backends) + ")");
  }

  /**
   * The pretrained Fashion-MNIST model of the first backend that ships one, with
   * {@link RequestBatching#defaults()}. The caller closes it.
   *
   * @throws ModelException if no backend on the class path ships a pretrained model
   */
  public static Classifier pretrained() {
    return pretrained(RequestBatching.defaults());
  }

  /**
   * The pretrained Fashion-MNIST model of the first backend that ships one. The caller closes it.
   *
   * @param batching how concurrent {@code predict} calls are merged; {@link RequestBatching#off()}
   *     for none; never null
   * @throws ModelException if no backend on the class path ships a pretrained model
   */
  public static Classifier pretrained(RequestBatching batching) {
    checkBatching(batching);
    return batched(pretrainedUnbatched(), batching);
  }

  private static void checkBatching(RequestBatching batching) {
    if (batching == null) {
      throw new IllegalArgumentException("batching must not be null; use RequestBatching.off()");
    }
  }

  private static Classifier batched(Classifier model, RequestBatching batching) {
    return batching.enabled() ? new BatchingClassifier(model, batching) : model;
  }

  private static Classifier pretrainedUnbatched() {
    List<ClassifierBackend> backends = backends();
    for (ClassifierBackend backend : backends) {
      Optional<Classifier> classifier = backend.pretrained();
      if (classifier.isPresent()) {
        return classifier.get();
      }
    }
    throw new ModelException(
        "no backend on the class path ships a pretrained model (backends found: "
            + names(backends) + "); add io.clothing:clothing-tf-backend as a dependency");
  }

  /** The backends found on the class path of this class's loader, in discovery order. */
  public static List<ClassifierBackend> backends() {
    List<ClassifierBackend> found = new ArrayList<>();
    ServiceLoader.load(ClassifierBackend.class, Classifiers.class.getClassLoader())
        .forEach(found::add);
    return List.copyOf(found);
  }

  private static String names(List<ClassifierBackend> backends) {
    return backends.isEmpty()
        ? "none"
        : backends.stream().map(ClassifierBackend::name).collect(Collectors.joining(", "));
  }
}
