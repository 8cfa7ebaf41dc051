package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.Classifier;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.reporting.ReferenceMetrics;
import io.clothing.spark.ClothingClassifier;
import io.clothing.tf.TensorFlowBackend;
import io.clothing.tf.TensorFlowRuntime;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official test set, as PNG files, classified on Spark (local[2]) as in one JVM. */
class SparkScoringIT {

  @Test
  void theTestSetAsPngFilesScoresOnSparkAsPredictAllDoes(@TempDir Path dir) throws Exception {
    ImageDataset test = RealData.get().test();
    for (int i = 0; i < test.size(); i++) {
      BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      byte[] pixels = test.image(i).pixels();
      for (int p = 0; p < 784; p++) {
        png.getRaster().setSample(p % 28, p / 28, 0, pixels[p] & 0xFF);
      }
      ImageIO.write(png, "png", dir.resolve(String.format("test-%05d.png", i)).toFile());
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("clothing-it")
        .config("spark.ui.enabled", "false").getOrCreate();
    List<Row> rows;
    try {
      rows = new ClothingClassifier().transform(
              spark.read().format("binaryFile").load(dir.toString()))
          .select("path", "garment_index", "probabilities", "error")
          .orderBy("path").collectAsList();
    } finally {
      spark.stop();
    }
    assertThat(rows).hasSize(test.size());

    List<Prediction> inOneJvm;
    try (Classifier classifier = new TensorFlowBackend(new TensorFlowRuntime(2, 1)).pretrained()
        .orElseThrow()) {
      inOneJvm = classifier.predictAll(test);
    }
    int right = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      assertThat(row.getString(0)).endsWith(String.format("test-%05d.png", i));
      assertThat(row.isNullAt(3)).as("error of %s: %s", row.getString(0), row.get(3)).isTrue();
      assertThat(row.getInt(1)).as("class of test image %d", i)
          .isEqualTo(inOneJvm.get(i).garment().index());
      List<Float> probabilities = row.getList(2);
      for (int c = 0; c < 10; c++) {
        // batches differ between the two runs; TensorFlow may vary in the last bits
        assertThat(probabilities.get(c)).isCloseTo(inOneJvm.get(i).probabilities()[c],
            within(1e-5f));
      }
      right += row.getInt(1) == test.labelIndex(i) ? 1 : 0;
    }
    assertThat(right / (double) test.size()).isEqualTo(ReferenceMetrics.pretrained().accuracy());
  }
}
