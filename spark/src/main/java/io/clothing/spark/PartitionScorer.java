package io.clothing.spark;

import io.clothing.api.Classifier;
import io.clothing.api.ClothingException;
import io.clothing.api.GrayImage;
import io.clothing.api.Prediction;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Classifies one partition's rows in batches with this JVM's shared classifier, appending the
 * prediction columns (or the error) to each row. Rows come out in the order they came in.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;

  private final String modelPath;
  private final int batchSize;
  private final int cores;
  private final ImageInput input;
  private final int inputIndex;
  private final int pathIndex;

  /**
   * @param cores TensorFlow threads, or 0 for the executor's available processors
   * @param pathIndex the index of a string {@code path} column naming each row's source, or -1
   */
  PartitionScorer(String modelPath, int batchSize, int cores, ImageInput input, int inputIndex,
      int pathIndex) {
    this.modelPath = modelPath;
    this.batchSize = batchSize;
    this.cores = cores;
    this.input = input;
    this.inputIndex = inputIndex;
    this.pathIndex = pathIndex;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    int threads = cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
    Classifier classifier = ExecutorClassifiers.get(modelPath, threads);
    return new Iterator<>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
          List<Row> batch = new ArrayList<>(batchSize);
          while (batch.size() < batchSize && rows.hasNext()) {
            batch.add(rows.next());
          }
          ready.addAll(score(classifier, batch));
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  /** The rows of {@code batch} with their predictions or errors appended. */
  List<Row> score(Classifier classifier, List<Row> batch) {
    GrayImage[] images = new GrayImage[batch.size()];
    String[] errors = new String[batch.size()];
    List<GrayImage> good = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      String source = pathIndex >= 0 && !row.isNullAt(pathIndex) ? row.getString(pathIndex)
          : "row";
      try {
        images[i] = input.decode(row.get(inputIndex), source);
        good.add(images[i]);
      } catch (ClothingException e) {
        errors[i] = e.getMessage();
      } catch (RuntimeException e) { // a decoder's own failure on hostile bytes
        errors[i] = source + ": cannot read the image: " + e;
      }
    }
    List<Prediction> predictions = good.isEmpty() ? List.of() : classifier.predictAll(good);
    List<Row> out = new ArrayList<>(batch.size());
    int next = 0;
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      Object[] values = new Object[row.length() + 5];
      for (int c = 0; c < row.length(); c++) {
        values[c] = row.get(c);
      }
      if (images[i] != null) {
        Prediction p = predictions.get(next++);
        values[row.length()] = p.garment().displayName();
        values[row.length() + 1] = p.garment().index();
        values[row.length() + 2] = p.confidence();
        values[row.length() + 3] = p.probabilities(); // a Java array, which Spark takes as is
      } else {
        values[row.length() + 4] = errors[i];
      }
      out.add(RowFactory.create(values));
    }
    return out;
  }
}
