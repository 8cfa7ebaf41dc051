package io.clothing.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.DataFormatException;
import io.clothing.api.EpochMetrics;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.api.SeededRandom;
import io.clothing.api.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWriterTest {
  @TempDir Path dir;

  /** 60 images, 6 of each class, with predictions right except for every fifth image. */
  private static ReportInput input(ReferenceMetrics reference) {
    int n = 60;
    byte[] pixels = new byte[n * 784];
    byte[] labels = new byte[n];
    SeededRandom random = new SeededRandom(4);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    List<Prediction> predictions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      float[] p = new float[10];
      int predicted = i % 5 == 4 ? (i + 3) % 10 : i % 10;
      p[predicted] = 0.9f - (i % 7) * 0.05f;
      p[(predicted + 1) % 10] = 1 - p[predicted];
      predictions.add(Prediction.of(p));
    }
    ImageDataset data = ImageDataset.of(pixels, labels);
    return ReportInput.builder("Test report")
        .evaluated("test", data, predictions)
        .modelSummary("Model: \"sequential\"\n<summary & more>")
        .recipe("{\"name\": \"test\"}")
        .history(TrainingHistory.of(List.of(
            new EpochMetrics(1, 1.0, 0.6, 0.9, 0.7, 0.1, 10),
            new EpochMetrics(2, 0.7, 0.8, 0.8, 0.75, 0.01, 10))))
        .labelCounts("train", data.classCounts())
        .labelCounts("test", data.classCounts())
        .reference(reference)
        .timing("training", "20 s")
        .provenance(Map.of("model", "test"))
        .seed(1)
        .build();
  }

  @Test
  void writesAWellFormedSelfContainedHtmlWithEverySection() throws Exception {
    ReportWriter.Written written = ReportWriter.write(input(ReferenceMetrics.seed()), dir);
    String html = Files.readString(written.html());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(written.html().toFile());
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
    for (String section : new String[] {"summary", "model", "recipe", "samples",
        "label-distribution", "training-curves", "classification-report", "confusion-matrix",
        "predictions", "mistakes", "f1-by-class", "reference", "provenance"}) {
      assertThat(html).as(section).contains("<section id=\"" + section + "\">");
    }
    assertThat(html).contains("&lt;summary &amp; more&gt;")
        .doesNotContain("src=\"http").doesNotContain("href=\"http")
        .contains("data:image/png;base64,");
  }

  @Test
  void writesDecodablePngsOfTheExpectedSize() throws IOException {
    ReportWriter.Written written = ReportWriter.write(input(null), dir);
    assertThat(written.images()).containsKeys("samples", "label_distribution",
        "training_curves", "confusion_matrix", "predictions", "mistakes", "f1_by_class");
    BufferedImage samples = ImageIO.read(written.images().get("samples").toFile());
    int side = 28 * ReportWriter.SCALE;
    assertThat(samples.getWidth()).isEqualTo(ImageGrid.MARGIN + 4 * (side + ImageGrid.MARGIN));
    assertThat(samples.getHeight()).isEqualTo(ImageGrid.MARGIN
        + 4 * (side + ImageGrid.TITLE_HEIGHT + ImageGrid.MARGIN));
    BufferedImage heat = ImageIO.read(written.images().get("confusion_matrix").toFile());
    assertThat(heat.getWidth()).isEqualTo(900);
    assertThat(heat.getHeight()).isEqualTo(800);
    assertThat(ImageIO.read(written.images().get("training_curves").toFile()).getWidth())
        .isEqualTo(1200);
  }

  @Test
  void theImageGridShowsEachSourcePixelAsAnExactSquare() {
    SeededRandom random = new SeededRandom(9);
    byte[] pixels = new byte[784];
    for (int i = 0; i < 784; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    GrayImage a = GrayImage.of(pixels);
    GrayImage b = GrayImage.of(new byte[784]);
    BufferedImage grid = ImageGrid.render(List.of(
        new ImageGrid.Tile(b, List.of("zero"), null, null),
        new ImageGrid.Tile(a, List.of("Ankle boot"), null, null)), 2, 3);
    int[] origin = ImageGrid.imageOrigin(1, 2, 3);
    for (int[] xy : new int[][] {{0, 0}, {27, 27}, {5, 17}, {13, 2}}) {
      int v = a.pixel(xy[0], xy[1]);
      for (int d = 0; d < 3; d++) {
        int rgb = grid.getRGB(origin[0] + xy[0] * 3 + d, origin[1] + xy[1] * 3 + (2 - d));
        assertThat(rgb & 0xFFFFFF).isEqualTo(v << 16 | v << 8 | v);
      }
    }
  }

  @Test
  void metricsJsonHoldsWhatABuildNeeds() throws IOException {
    ReportWriter.Written written = ReportWriter.write(input(ReferenceMetrics.seed()), dir);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        written.metrics().toFile());
    assertThat(json.get("accuracy").asDouble()).isEqualTo(0.8);
    assertThat(json.get("confusion_matrix")).hasSize(10);
    assertThat(json.get("classification_report").get("classes").get(6).get("name").asText())
        .isEqualTo(Garment.SHIRT.displayName());
    assertThat(json.get("reference_comparison").get("passed").asBoolean()).isFalse();
    assertThat(json.get("timing").get("training").asText()).isEqualTo("20 s");
    assertThat(Files.readString(dir.resolve("classification_report.txt")))
        .contains("    accuracy                           0.80        60");
  }

  @Test
  void comparesWithAReferenceWithinItsTolerance() throws IOException {
    ClassificationReport report = input(null).report();
    Path file = Files.writeString(dir.resolve("ref.json"), """
        {"name": "half", "tolerance": 0.05, "accuracy": 0.84,
         "classes": {"Trouser": {"f1": 0.5}, "Coat": {"recall": 0.9}}}
        """);
    ReferenceComparison c = ReferenceComparison.of(report, ReferenceMetrics.read(file));
    // every Coat (label 4: rows 4, 14, ...) is a deliberate mistake, Trouser never is:
    // accuracy 0.80 >= 0.84 - 0.05: met; Trouser F1 1.0: met; Coat recall 0 < 0.85: below
    assertThat(c.checks()).extracting(ReferenceComparison.Check::met)
        .containsExactly(true, true, false);
    assertThat(c.passed()).isFalse();
    assertThat(c.text()).contains("Coat           recall      0.0000   0.9000  BELOW")
        .contains("FALLS SHORT of the reference in 1 of 3 checks");
  }

  @Test
  void refusesMalformedReferenceFiles() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"tolerance\": 0.1}");
    assertThatThrownBy(() -> ReferenceMetrics.read(bad))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("bad.json").hasMessageContaining("name");
    Path typo = Files.writeString(dir.resolve("typo.json"), "{\"name\": \"x\", \"acuracy\": 1}");
    assertThatThrownBy(() -> ReferenceMetrics.read(typo)).hasMessageContaining("acuracy");
    assertThatThrownBy(() -> ReferenceMetrics.read(dir.resolve("none.json")))
        .hasMessageContaining("no such reference file");
  }

  @Test
  void theSeedReferenceIsTheNotebooksTable() {
    ReferenceMetrics seed = ReferenceMetrics.seed();
    assertThat(seed.accuracy()).isEqualTo(0.94);
    assertThat(seed.tolerance()).isEqualTo(0.01);
    assertThat(seed.classes().get("Shirt").f1()).isEqualTo(0.82);
    assertThat(seed.classes()).hasSize(10);
  }
}
