package io.clothing.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.Classifier;
import io.clothing.api.GrayImage;
import io.clothing.api.Prediction;
import io.clothing.tf.TensorFlowBackend;
import io.clothing.tf.TensorFlowRuntime;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transformer in Spark's local mode, on synthetic garment-like images. */
class ClothingClassifierTest {
  private static SparkSession spark;
  private static Classifier reference;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("clothing-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    // the executor in local[2] loads with two TensorFlow threads; so does the reference
    reference = new TensorFlowBackend(new TensorFlowRuntime(2, 1)).pretrained().orElseThrow();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
    reference.close();
  }

  /** A bright blob of a random size and place on black, as Fashion-MNIST images are. */
  static GrayImage blob(Random random) {
    byte[] pixels = new byte[784];
    int top = 2 + random.nextInt(8);
    int left = 2 + random.nextInt(8);
    int height = 8 + random.nextInt(16);
    int width = 6 + random.nextInt(16);
    for (int y = top; y < Math.min(28, top + height); y++) {
      for (int x = left; x < Math.min(28, left + width); x++) {
        pixels[y * 28 + x] = (byte) (120 + random.nextInt(120));
      }
    }
    return GrayImage.of(pixels);
  }

  static void writePng(GrayImage image, Path file) throws IOException {
    BufferedImage out = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = image.pixels();
    for (int i = 0; i < 784; i++) {
      out.getRaster().setSample(i % 28, i / 28, 0, pixels[i] & 0xFF);
    }
    ImageIO.write(out, "png", file.toFile());
  }

  private static List<Row> sortedByPath(Dataset<Row> scored) {
    List<Row> rows = new ArrayList<>(scored.collectAsList());
    rows.sort(Comparator.comparing(r -> r.<String>getAs("path")));
    return rows;
  }

  @Test
  void classifiesImageFilesAsOneJvmDoesAndReportsBadFilesPerRow(@TempDir Path dir)
      throws IOException {
    Random random = new Random(4);
    List<GrayImage> images = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      images.add(blob(random));
      writePng(images.get(i), dir.resolve(String.format("img-%02d.png", i)));
    }
    Files.write(dir.resolve("img-40-noise.png"), new byte[] {1, 2, 3, 4, 5});
    byte[] png = Files.readAllBytes(dir.resolve("img-00.png"));
    Files.write(dir.resolve("img-41-truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
    // (Spark's binaryFile source lists no row at all for an empty file)
    Files.writeString(dir.resolve("img-42-html.png"), "<html><body>not found</body></html>");

    Dataset<Row> files = spark.read().format("binaryFile").load(dir.toString());
    Dataset<Row> scored = new ClothingClassifier().setBatchSize(7).transform(files);
    List<Row> rows = sortedByPath(scored);
    assertThat(rows).hasSize(43);

    List<Prediction> expected = reference.predictAll(images);
    for (int i = 0; i < 40; i++) {
      Row row = rows.get(i);
      assertThat(row.<String>getAs("error")).isNull();
      assertThat(row.<Integer>getAs("garment_index")).isEqualTo(expected.get(i).garment().index());
      assertThat(row.<String>getAs("garment")).isEqualTo(expected.get(i).garment().displayName());
      List<Float> probabilities = row.getList(row.fieldIndex("probabilities"));
      for (int c = 0; c < 10; c++) {
        // batches of 7 here, of 40 there: equal to the last bits TensorFlow may vary
        assertThat(probabilities.get(c)).isCloseTo(expected.get(i).probabilities()[c],
            within(1e-5f));
      }
      assertThat(row.<Float>getAs("confidence")).isEqualTo(java.util.Collections.max(
          probabilities));
    }
    for (int i = 40; i < 43; i++) {
      Row row = rows.get(i);
      assertThat(row.<String>getAs("garment")).isNull();
      assertThat(row.<Object>getAs("probabilities")).isNull();
      assertThat(row.<String>getAs("error")).contains(row.<String>getAs("path"));
    }
  }

  @Test
  void readsPixelArraysAndVectorsAsTheSameImages() {
    Random random = new Random(8);
    List<GrayImage> images = List.of(blob(random), blob(random), blob(random));
    List<Row> arrays = new ArrayList<>();
    List<Row> vectors = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      byte[] pixels = images.get(i).pixels();
      int[] ints = new int[784];
      double[] doubles = new double[784];
      for (int p = 0; p < 784; p++) {
        ints[p] = pixels[p] & 0xFF;
        doubles[p] = ints[p];
      }
      arrays.add(RowFactory.create(i, ints));
      vectors.add(RowFactory.create(i, Vectors.dense(doubles)));
    }
    arrays.add(RowFactory.create(3, new int[] {1, 2, 3}));
    StructType arraySchema = new StructType().add("id", DataTypes.IntegerType)
        .add("pixels", DataTypes.createArrayType(DataTypes.IntegerType));
    StructType vectorSchema = new StructType().add("id", DataTypes.IntegerType)
        .add("pixels", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    ClothingClassifier classifier = new ClothingClassifier().setInputCol("pixels")
        .setOutputCol("p_");
    List<Row> fromArrays = classifier.transform(spark.createDataFrame(arrays, arraySchema))
        .orderBy("id").collectAsList();
    List<Row> fromVectors = classifier.transform(spark.createDataFrame(vectors, vectorSchema))
        .orderBy("id").collectAsList();
    List<Prediction> expected = reference.predictAll(images);
    for (int i = 0; i < images.size(); i++) {
      assertThat(fromArrays.get(i).<Integer>getAs("p_garment_index"))
          .isEqualTo(expected.get(i).garment().index());
      assertThat(fromVectors.get(i).<Integer>getAs("p_garment_index"))
          .isEqualTo(expected.get(i).garment().index());
    }
    assertThat(fromArrays.get(3).<String>getAs("p_error"))
        .contains("expected 784 pixel values (28x28), got 3");
  }

  @Test
  void readsSparksImageSourceStruct(@TempDir Path dir) throws IOException {
    Random random = new Random(12);
    List<GrayImage> images = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      images.add(blob(random));
      writePng(images.get(i), dir.resolve("img-" + i + ".png"));
    }
    Dataset<Row> structs = spark.read().format("image").load(dir.toString());
    List<Row> rows = new ClothingClassifier().setInputCol("image").transform(structs)
        .selectExpr("image.origin as path", "garment_index", "error").orderBy("path")
        .collectAsList();
    List<Prediction> expected = reference.predictAll(images);
    assertThat(rows).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(rows.get(i).isNullAt(2)).as("error: %s", rows.get(i).get(2)).isTrue();
      assertThat(rows.get(i).getInt(1)).isEqualTo(expected.get(i).garment().index());
    }
  }

  @Test
  void savesAndLoadsInsideAPipeline(@TempDir Path dir) throws IOException {
    Random random = new Random(9);
    for (int i = 0; i < 6; i++) {
      writePng(blob(random), dir.resolve("img-" + i + ".png"));
    }
    Dataset<Row> files = spark.read().format("binaryFile").load(dir.toString());
    ClothingClassifier stage = new ClothingClassifier().setBatchSize(4).setOutputCol("c_");
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {stage}).fit(files);
    Path saved = Files.createTempDirectory("clothing-pipeline-").resolve("model");
    model.write().overwrite().save(saved.toString());
    PipelineModel loaded = PipelineModel.load(saved.toString());
    ClothingClassifier reloaded = (ClothingClassifier) loaded.stages()[0];
    assertThat(reloaded.getBatchSize()).isEqualTo(4);
    assertThat(reloaded.getOutputCol()).isEqualTo("c_");
    assertThat(reloaded.uid()).isEqualTo(stage.uid());
    List<Row> before = sortedByPath(model.transform(files));
    List<Row> after = sortedByPath(loaded.transform(files));
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).<Integer>getAs("c_garment_index"))
          .isEqualTo(before.get(i).<Integer>getAs("c_garment_index"));
      assertThat(after.get(i).getList(after.get(i).fieldIndex("c_probabilities")))
          .isEqualTo(before.get(i).getList(before.get(i).fieldIndex("c_probabilities")));
    }
  }

  @Test
  void refusesColumnsItCannotUseNamingThem() {
    Dataset<Row> numbers = spark.range(3).toDF("id");
    assertThatThrownBy(() -> new ClothingClassifier().transform(numbers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input column 'content' is not in the data; columns: id");
    assertThatThrownBy(() -> new ClothingClassifier().setInputCol("id").transform(numbers))
        .hasMessageContaining("input column 'id' is of type bigint; expected binary");
    Dataset<Row> clash = spark.range(1).selectExpr("cast('x' as binary) as content",
        "'x' as garment");
    assertThatThrownBy(() -> new ClothingClassifier().transform(clash))
        .hasMessageContaining("output column 'garment' already exists");
  }
}
