package io.clothing.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies 28x28 grayscale images into {@link Garment}s. Obtain one from {@link Classifiers}.
 *
 * <p>Implementations are <b>thread-safe</b>: one instance may serve many threads at once, and
 * sharing one is cheaper than loading several. Each holds native resources until {@link #close()};
 * any call after that throws {@link ModelException}. Images must be in Fashion-MNIST's convention
 * (light garment on dark background); convert photos first (the {@code preprocessing} module's
 * image importer does).
 */
public interface Classifier extends AutoCloseable {

  /**
   * Classifies one image, applying the model's own preprocessing.
   *
   * @param image a 28x28 image; never null
   * @return the prediction; never null
   * @throws IllegalArgumentException if the image is null or not 28x28
   * @throws ModelException if the classifier is closed
   */
  Prediction predict(GrayImage image);

  /**
   * Classifies images as one batch, which is much faster per image than one call each.
   *
   * @param images 28x28 images; never null, may be empty
   * @return one prediction per image, in order; never null
   */
  default List<Prediction> predictAll(List<GrayImage> images) {
    List<Prediction> out = new ArrayList<>(images.size());
    for (GrayImage image : images) {
      out.add(predict(image));
    }
    return out;
  }

  /**
   * Classifies every image of a data set (labels are ignored), in batches.
   *
   * @param images 28x28 images; never null
   * @return one prediction per row, in row order; never null
   */
  default List<Prediction> predictAll(ImageDataset images) {
    List<GrayImage> list = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      list.add(images.image(i));
    }
    return predictAll(list);
  }

  /** A short description of the model (name, recipe, accuracy), for logs; never null. */
  String description();

  /** Releases the native resources. Idempotent. */
  @Override
  void close();
}
