package io.clothing.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Garment;
import io.clothing.api.Prediction;
import io.clothing.api.SeededRandom;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes a report directory: {@code report.html} (one self-contained page, images embedded),
 * {@code metrics.json}, the classification report as text and Markdown, the confusion matrix as
 * text, and the PNGs (sample grid, label distribution, training curves, confusion heat map,
 * predicted classes, most confident mistakes, F1 per class).
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportWriter {
  /** Scale of the images in grids. */
  static final int SCALE = 4;
  private static final Color MISTAKE = new Color(214, 39, 40);
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private ReportWriter() {}

  /** The files written, by role. */
  public record Written(Path html, Path metrics, Map<String, Path> images,
      ReferenceComparison comparison) {}

  /**
   * Writes every file into {@code dir} (created if needed).
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public static Written write(ReportInput in, Path dir) {
    System.setProperty("java.awt.headless", "true");
    try {
      Files.createDirectories(dir);
      Map<String, BufferedImage> images = new LinkedHashMap<>();
      images.put("samples", sampleGrid(in));
      if (!in.labelCounts.isEmpty()) {
        images.put("label_distribution", Charts.image(
            Charts.labelDistribution(Garment.displayNames(), in.labelCounts)));
      }
      if (in.history != null && !in.history.epochs().isEmpty()) {
        List<XYChart> curves = Charts.trainingCurves(in.history);
        images.put("training_curves", sideBySide(Charts.image(curves.get(0)),
            Charts.image(curves.get(1))));
      }
      images.put("confusion_matrix", Charts.image(
          Charts.confusionHeatMap(in.report.confusionMatrix())));
      images.put("predictions", predictionGrid(in));
      images.put("mistakes", mistakeGallery(in));
      images.put("f1_by_class", Charts.image(Charts.f1ByClass(in.report, in.reference)));
      images.put("reliability_diagram", Charts.image(Charts.reliabilityDiagram(in.calibration)));

      Map<String, Path> files = new LinkedHashMap<>();
      Map<String, String> embedded = new LinkedHashMap<>();
      for (Map.Entry<String, BufferedImage> e : images.entrySet()) {
        byte[] png = png(e.getValue());
        Path file = dir.resolve(e.getKey() + ".png");
        Files.write(file, png);
        files.put(e.getKey(), file);
        embedded.put(e.getKey(), Base64.getEncoder().encodeToString(png));
      }
      ReferenceComparison comparison = in.reference == null ? null
          : ReferenceComparison.of(in.report, in.reference);
      Files.writeString(dir.resolve("classification_report.txt"), in.report.text());
      Files.writeString(dir.resolve("classification_report.md"), in.report.markdown(4));
      Files.writeString(dir.resolve("confusion_matrix.txt"), in.report.confusionMatrix().text()
          + "\nRow-normalized:\n" + in.report.confusionMatrix().normalizedText());
      Path metrics = dir.resolve("metrics.json");
      JSON.writeValue(metrics.toFile(), metricsJson(in, comparison));
      Path html = dir.resolve("report.html");
      Files.writeString(html, HtmlReport.render(in, comparison, embedded),
          StandardCharsets.UTF_8);
      return new Written(html, metrics, files, comparison);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + dir, e);
    }
  }

  /** The notebook's "Plotting random images": 16 random images titled with their class. */
  static BufferedImage sampleGrid(ReportInput in) {
    SeededRandom random = new SeededRandom(in.seed, 16);
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < Math.min(16, in.samples.size()); i++) {
      int row = random.nextInt(in.samples.size());
      tiles.add(new ImageGrid.Tile(in.samples.image(row),
          List.of(in.samples.label(row).displayName()), null, null));
    }
    return ImageGrid.render(tiles, 4, SCALE);
  }

  /** The first 20 evaluated images titled with prediction and truth, mistakes in red. */
  static BufferedImage predictionGrid(ReportInput in) {
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < Math.min(20, in.evaluated.size()); i++) {
      Garment truth = in.evaluated.label(i);
      Garment predicted = in.predictions.get(i).garment();
      boolean wrong = truth != predicted;
      tiles.add(new ImageGrid.Tile(in.evaluated.image(i),
          List.of("pred: " + predicted.displayName(), "true: " + truth.displayName()),
          wrong ? MISTAKE : null, wrong ? MISTAKE : null));
    }
    return ImageGrid.render(tiles, 5, SCALE);
  }

  /** The 16 mistakes made with the highest confidence. */
  static BufferedImage mistakeGallery(ReportInput in) {
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < in.evaluated.size(); i++) {
      if (in.predictions.get(i).garment() != in.evaluated.label(i)) {
        wrong.add(i);
      }
    }
    wrong.sort(Comparator.comparingDouble((Integer i) -> -in.predictions.get(i).confidence())
        .thenComparing(i -> i));
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int i : wrong.subList(0, Math.min(16, wrong.size()))) {
      Prediction p = in.predictions.get(i);
      tiles.add(new ImageGrid.Tile(in.evaluated.image(i),
          List.of(String.format("%s %.0f%%", p.garment().displayName(), 100 * p.confidence()),
              "true: " + in.evaluated.label(i).displayName()), MISTAKE, MISTAKE));
    }
    if (tiles.isEmpty()) {
      BufferedImage none = new BufferedImage(200, 40, BufferedImage.TYPE_INT_RGB);
      var g = none.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 200, 40);
      g.setColor(Color.BLACK);
      g.drawString("No mistakes.", 10, 25);
      g.dispose();
      return none;
    }
    return ImageGrid.render(tiles, 4, SCALE);
  }

  private static BufferedImage sideBySide(BufferedImage a, BufferedImage b) {
    BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(),
        Math.max(a.getHeight(), b.getHeight()), BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.drawImage(a, 0, 0, null);
    g.drawImage(b, a.getWidth(), 0, null);
    g.dispose();
    return out;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  /** Everything a build system needs, at full precision. */
  static ObjectNode metricsJson(ReportInput in, ReferenceComparison comparison) {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", in.title);
    root.put("split", in.split);
    root.put("images", in.evaluated.size());
    root.put("accuracy", in.report.accuracy());
    root.put("expected_calibration_error", in.calibration.expectedCalibrationError());
    root.put("not_sure_share", in.calibration.unreliableShare());
    root.set("classification_report", in.report.json());
    ArrayNode matrix = root.putArray("confusion_matrix");
    for (long[] row : in.report.confusionMatrix().counts()) {
      ArrayNode r = matrix.addArray();
      for (long v : row) {
        r.add(v);
      }
    }
    root.set("class_names", JSON.valueToTree(Garment.displayNames()));
    if (in.history != null) {
      root.set("history", JSON.valueToTree(in.history));
    }
    root.set("timing", JSON.valueToTree(in.timing));
    root.set("provenance", JSON.valueToTree(in.provenance));
    if (comparison != null) {
      ObjectNode ref = root.putObject("reference_comparison");
      ref.put("reference", comparison.reference().name());
      ref.put("tolerance", comparison.reference().tolerance());
      ref.put("passed", comparison.passed());
      ref.set("checks", JSON.valueToTree(comparison.checks()));
    }
    return root;
  }

  /** Saves {@code image} as a PNG file; used for previews outside a report. */
  public static void savePng(BufferedImage image, Path file) {
    requireWritable(file);
    try (java.io.OutputStream out = new java.io.BufferedOutputStream(
        Files.newOutputStream(file))) {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Refuses an output file whose directory is missing or not writable, or which is a directory
   * itself, before anything is computed for it.
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static void requireWritable(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + ": a directory, not a file");
    }
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(file + ": the directory " + parent + " does not exist");
    }
    if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new IllegalArgumentException(file + ": permission denied");
    }
  }

  static {
    // keep XChart from probing a display
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.class.getName();
  }
}
