package io.clothing.spark;

import io.clothing.api.Classifier;
import io.clothing.api.ModelException;
import io.clothing.tf.TensorFlowBackend;
import io.clothing.tf.TensorFlowRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * One {@link Classifier} per model and JVM: an executor's tasks share it (it is thread-safe), it is
 * loaded on first use, and closed when the JVM shuts down. A model on a Hadoop file system (HDFS,
 * S3A, ...) is copied to a local temporary directory first, as TensorFlow reads local files.
 */
final class ExecutorClassifiers {
  /**
   * The model path that means the library's pretrained model (a directory of that name is
   * reached as {@code ./pretrained}).
   */
  static final String PRETRAINED = "pretrained";

  private static final Map<String, Classifier> LOADED = new ConcurrentHashMap<>();
  private static final Queue<Path> FETCHED = new ConcurrentLinkedQueue<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorClassifiers::closeAll,
        "clothing-spark-close"));
  }

  private ExecutorClassifiers() {}

  /**
   * The classifier of {@code modelPath} in this JVM, loading it with {@code threads} TensorFlow
   * threads if it is not loaded yet.
   *
   * @throws ModelException if the model cannot be fetched or loaded
   */
  static Classifier get(String modelPath, int threads) {
    return LOADED.computeIfAbsent(modelPath + "#" + threads, key -> load(modelPath, threads));
  }

  private static Classifier load(String modelPath, int threads) {
    TensorFlowBackend backend = new TensorFlowBackend(new TensorFlowRuntime(threads, 1));
    if (PRETRAINED.equals(modelPath)) {
      return backend.pretrained().orElseThrow(() -> new ModelException(
          "the pretrained model is missing from clothing-tf-backend on the executors"));
    }
    return backend.load(localCopy(modelPath));
  }

  /** The model directory on this machine: the path itself if local, else a fetched copy. */
  static Path localCopy(String modelPath) {
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(modelPath);
    try {
      FileSystem fs = source.getFileSystem(new Configuration());
      if ("file".equals(fs.getScheme())) {
        return Path.of(fs.makeQualified(source).toUri());
      }
      Path local = Files.createTempDirectory("clothing-model-");
      FETCHED.add(local);
      fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
      return local.resolve(source.getName());
    } catch (IOException e) {
      throw new ModelException("cannot fetch the model " + modelPath + ": " + e.getMessage(), e);
    }
  }

  /** Closes every classifier of this JVM and deletes the model copies it fetched. */
  static void closeAll() {
    for (String key : LOADED.keySet()) {
      Classifier c = LOADED.remove(key);
      if (c != null) {
        c.close();
      }
    }
    for (Path dir = FETCHED.poll(); dir != null; dir = FETCHED.poll()) {
      io.clothing.api.ModelDirectories.deleteTree(dir);
    }
  }
}
