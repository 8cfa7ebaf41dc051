package io.clothing.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a saved model replaces the previous one so that a crash (kill -9, power cut of the
 * process) at any instant leaves a loadable model once one was saved.
 *
 * <p>A save writes the new model completely into a sibling staging directory
 * {@code NAME.saving-*}{@code /model}, its metadata file last (so a staged copy with metadata is
 * complete), then moves the old {@code NAME} to {@code NAME.old-*}, moves the new copy to
 * {@code NAME} and deletes the rest. Between the two moves {@code NAME} does not exist for an
 * instant; {@link #resolve} then finds the newest complete copy (the staged one, else the old
 * one), and {@link #recover} at the start of the next save puts it back in place and deletes
 * every leftover of earlier crashes.
 *
 * <p>Stateless and thread-safe; two processes saving the same model at once are not supported.
 */
public final class ModelDirectories {
  /** The metadata file every model directory holds; written last. */
  public static final String METADATA_FILE = "clothing-model.json";

  private ModelDirectories() {}

  /**
   * {@code modelDir} if it is a directory; otherwise the newest complete copy an interrupted save
   * left beside it, if any.
   */
  public static Optional<Path> resolve(Path modelDir) {
    if (Files.isDirectory(modelDir)) {
      return Optional.of(modelDir);
    }
    return newestCompleteCopy(modelDir);
  }

  /** A new, empty staging directory beside {@code modelDir}; the model goes into its "model". */
  public static Path stage(Path modelDir) throws IOException {
    Path parent = parent(modelDir);
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, modelDir.getFileName() + ".saving-");
  }

  /**
   * Makes the complete model in {@code staging}/model the one at {@code modelDir}, then deletes
   * the staging directory and the previous model.
   */
  public static void publish(Path staging, Path modelDir) throws IOException {
    Path parent = parent(modelDir);
    Path old = null;
    if (Files.exists(modelDir)) {
      old = Files.createTempDirectory(parent, modelDir.getFileName() + ".old-");
      Files.delete(old);
      Files.move(modelDir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging.resolve("model"), modelDir, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(staging);
    if (old != null) {
      deleteTree(old);
    }
  }

  /**
   * Repairs what an interrupted save left: if {@code modelDir} is missing, the newest complete
   * copy takes its place; then every staging and old copy beside it is deleted.
   */
  public static void recover(Path modelDir) throws IOException {
    if (!Files.exists(modelDir)) {
      Optional<Path> copy = newestCompleteCopy(modelDir);
      if (copy.isPresent()) {
        Files.move(copy.get(), modelDir, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    for (Path leftover : leftovers(modelDir)) {
      deleteTree(leftover);
    }
  }

  /** The staging and old copies beside {@code modelDir}. */
  static List<Path> leftovers(Path modelDir) throws IOException {
    List<Path> out = new ArrayList<>();
    Path parent = parent(modelDir);
    if (!Files.isDirectory(parent)) {
      return out;
    }
    String name = modelDir.getFileName().toString();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent,
        p -> p.getFileName().toString().startsWith(name + ".saving-")
            || p.getFileName().toString().startsWith(name + ".old-"))) {
      siblings.forEach(out::add);
    }
    return out;
  }

  private static Optional<Path> newestCompleteCopy(Path modelDir) {
    try {
      Path staged = null;
      Path old = null;
      for (Path p : leftovers(modelDir)) {
        String n = p.getFileName().toString();
        if (n.contains(".saving-") && Files.isRegularFile(p.resolve("model")
            .resolve(METADATA_FILE))) {
          staged = p.resolve("model");
        } else if (n.contains(".old-") && Files.isRegularFile(p.resolve(METADATA_FILE))) {
          old = p;
        }
      }
      return Optional.ofNullable(staged != null ? staged : old);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path parent(Path modelDir) {
    Path parent = modelDir.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(modelDir + ": a model cannot be the file-system root");
    }
    return parent;
  }

  /** Deletes a directory tree; what cannot be deleted is left (it is only disk space). */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // leftovers are harmless and removed by the next recover()
    }
  }

  /**
   * Copies the directory tree {@code from} to {@code to}, which must not exist yet (a model
   * directory into a staging copy, say).
   *
   * @throws IOException if a file cannot be read or written
   */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
  }
}
