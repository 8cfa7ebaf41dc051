package io.clothing.preprocessing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the four Fashion-MNIST files of one directory are, in either layout: Zalando's IDX files
 * ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
 * {@code t10k-images-idx3-ubyte[.gz]}, {@code t10k-labels-idx1-ubyte[.gz]}) or Kaggle's CSV files
 * ({@code fashion-mnist_train.csv}, {@code fashion-mnist_test.csv}).
 *
 * @param directory the directory; never null
 * @param format which layout was found; never null
 * @param trainImages the training images (IDX) or training CSV
 * @param trainLabels the training labels (IDX), null for CSV
 * @param testImages the test images (IDX) or test CSV
 * @param testLabels the test labels (IDX), null for CSV
 */
public record FashionMnistFiles(
    Path directory, Format format, Path trainImages, Path trainLabels, Path testImages,
    Path testLabels) {

  /** The two layouts. */
  public enum Format {
    /** Zalando's IDX files, gzipped or not. */
    IDX,
    /** Kaggle's CSV export. */
    CSV
  }

  /** The IDX file names, without {@code .gz}: train images, train labels, test images, labels. */
  public static final List<String> IDX_NAMES = List.of(
      "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  /** The Kaggle CSV file names: train, test. */
  public static final List<String> CSV_NAMES =
      List.of("fashion-mnist_train.csv", "fashion-mnist_test.csv");

  /** The files in {@code directory}, IDX preferred, if one layout is complete there. */
  public static Optional<FashionMnistFiles> in(Path directory) {
    if (directory == null || !Files.isDirectory(directory)) {
      return Optional.empty();
    }
    Path[] idx = new Path[4];
    boolean complete = true;
    for (int i = 0; i < 4 && complete; i++) {
      idx[i] = existing(directory, IDX_NAMES.get(i) + ".gz", IDX_NAMES.get(i));
      complete = idx[i] != null;
    }
    if (complete) {
      return Optional.of(new FashionMnistFiles(directory, Format.IDX, idx[0], idx[1], idx[2],
          idx[3]));
    }
    Path train = existing(directory, CSV_NAMES.get(0));
    Path test = existing(directory, CSV_NAMES.get(1));
    if (train != null && test != null) {
      return Optional.of(new FashionMnistFiles(directory, Format.CSV, train, null, test, null));
    }
    return Optional.empty();
  }

  private static Path existing(Path directory, String... names) {
    for (String name : names) {
      Path file = directory.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }
}
