package io.clothing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.ImageDataset;
import io.clothing.api.testing.BarImages;
import io.clothing.preprocessing.IdxWriter;
import io.clothing.reporting.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train, evaluate, predict, summary, augment, calibrate and ensemble commands end to end on
 * a small generated data set (class k is a bright bar at row 2k + 3) with a small recipe.
 */
class WorkflowCommandsTest {
  @TempDir static Path dir;
  private static Path data;
  private static Path run;
  private static ImageDataset test;
  private static String trainOutput;

  private static final String RECIPE = """
      {"name": "tiny", "model": {"name": "tiny-cnn", "layers": [
         {"type": "conv2d", "filters": 4, "kernel_size": 3, "padding": "same",
          "activation": "relu"},
         {"type": "max_pooling2d"},
         {"type": "flatten"},
         {"type": "dense", "units": 10, "activation": "softmax"}]},
       "optimizer": {"type": "adam", "learning_rate": 0.01},
       "epochs": 3, "batch_size": 32, "validation_fraction": 0.1, "seed": 3,
       "preprocessing": [{"name": "standardize"}],
       "augmentation": [{"name": "random_crop", "padding": 1}]}
      """;

  static ImageDataset bars(int perClass, long seed) {
    return BarImages.learnable(perClass, seed, 200, 40);
  }

  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ClothingCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @BeforeAll
  static void trainATinyModel() throws IOException {
    data = Files.createDirectories(dir.resolve("data"));
    test = bars(10, 2);
    IdxWriter.write(bars(40, 1), data.resolve("train-images-idx3-ubyte.gz"),
        data.resolve("train-labels-idx1-ubyte.gz"), true);
    IdxWriter.write(test, data.resolve("t10k-images-idx3-ubyte.gz"),
        data.resolve("t10k-labels-idx1-ubyte.gz"), true);
    Path recipe = Files.writeString(dir.resolve("tiny.json"), RECIPE);
    run = dir.resolve("run");
    String[] result = run("train", "--recipe", recipe.toString(), "--data", data.toString(),
        "--out", run.toString());
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    trainOutput = result[1];
  }

  @Test
  void trainWritesTheModelAndAReportWithEverySection() throws IOException {
    assertThat(trainOutput).contains("Training on 360 images, validating on 40")
        .contains("Epoch 3/3").contains("val_accuracy")
        .contains("Classification report on the test set (100 images")
        .contains("Comparison with reference 'seed notebook'")
        .contains("Report: " + run.resolve("report").resolve("report.html").toAbsolutePath());
    assertThat(run.resolve("model").resolve("saved_model.pb")).exists();
    String html = Files.readString(run.resolve("report").resolve("report.html"));
    for (String section : new String[] {"model", "recipe", "training-curves",
        "classification-report", "confusion-matrix", "mistakes", "reference"}) {
      assertThat(html).contains("<section id=\"" + section + "\">");
    }
    assertThat(run.resolve("report").resolve("metrics.json")).exists();
  }

  @Test
  void evaluateReproducesTheRecordedMetricsAndGatesOnAReference() throws IOException {
    Path model = run.resolve("model");
    String recorded = Files.readString(model.resolve("clothing-model.json"));
    assertThat(recorded).contains("\"test_accuracy\"");
    String[] result = run("evaluate", "--model", model.toString(), "--data", data.toString(),
        "--out", dir.resolve("eval").toString(), "--predictions",
        dir.resolve("p.csv").toString());
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    String accuracy = recorded.replaceAll("(?s).*\"test_accuracy\" : ([0-9.]+).*", "$1");
    assertThat(Files.readString(dir.resolve("eval").resolve("metrics.json")))
        .contains("\"accuracy\" : " + accuracy);
    assertThat(Files.readAllLines(dir.resolve("p.csv"))).hasSize(101)
        .first().isEqualTo("index,true,predicted,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9");

    Path weak = Files.writeString(dir.resolve("weak.json"),
        "{\"name\": \"weak\", \"accuracy\": 0.3}");
    Path strict = Files.writeString(dir.resolve("strict.json"),
        "{\"name\": \"strict\", \"accuracy\": 1.01}");
    assertThat(run("evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
        dir.resolve("e2").toString(), "--reference", weak.toString())[0]).isEqualTo("0");
    String[] failing = run("evaluate", "--model", model.toString(), "--data", data.toString(),
        "--out", dir.resolve("e3").toString(), "--reference", strict.toString());
    assertThat(failing[0]).isEqualTo("3");
    assertThat(failing[1]).contains("FALLS SHORT");
  }

  @Test
  void anEnsembleOfTwoSeedsIsSavedCalibratedAndEvaluatedLikeAnyModel() throws IOException {
    Path memberRecipe = Files.writeString(dir.resolve("member.json"),
        RECIPE.replace("\"seed\": 3", "\"seed\": 8, \"validation_seed\": 3"));
    Path second = dir.resolve("second");
    assertThat(run("train", "--recipe", memberRecipe.toString(), "--data", data.toString(),
        "--out", second.toString())[0]).isEqualTo("0");
    Path ensemble = dir.resolve("ensemble");

    String[] made = run("ensemble", "--model", run.resolve("model").toString(), "--model",
        second.resolve("model").toString(), "--out", ensemble.toString(), "--name", "pair");
    assertThat(made[0]).as(made[2]).isEqualTo("0");
    assertThat(made[1]).contains("Saved the ensemble of 2 models to " + ensemble);
    String[] calibrated = run("calibrate", "--model", ensemble.toString(), "--data",
        data.toString());
    assertThat(calibrated[0]).as(calibrated[2]).isEqualTo("0");
    assertThat(calibrated[1]).contains("on 40 validation images");
    assertThat(Files.readString(ensemble.resolve("clothing-model.json")))
        .doesNotContain("test_accuracy");
    String[] evaluated = run("evaluate", "--model", ensemble.toString(), "--data",
        data.toString(), "--out", dir.resolve("ensemble-report").toString(), "--record");
    assertThat(evaluated[0]).as(evaluated[2]).isEqualTo("0");
    assertThat(Files.readString(ensemble.resolve("clothing-model.json")))
        .contains("\"test_accuracy\"");
    assertThat(evaluated[1]).contains("Classification report on the test set (100 images");
    assertThat(Files.readString(dir.resolve("ensemble-report").resolve("report.html")))
        .contains("m2_dense");

    String[] missingMember = run("ensemble", "--model", run.resolve("model").toString(),
        "--model", second.resolve("model").toString(), "--model", dir.resolve("nowhere").toString(),
        "--out", dir.resolve("e4").toString());
    assertThat(missingMember[0]).isNotEqualTo("0");
    assertThat(missingMember[2]).contains("nowhere");
    assertThat(dir.resolve("e4")).doesNotExist();
  }

  @Test
  void aModelTrainedOnEveryImageIsCalibratedOnTheSplitTheCommandNames() throws IOException {
    Path allRecipe = Files.writeString(dir.resolve("all.json"),
        RECIPE.replace("\"validation_fraction\": 0.1", "\"validation_fraction\": 0"));
    Path all = dir.resolve("all");
    String[] trained = run("train", "--recipe", allRecipe.toString(), "--data", data.toString(),
        "--out", all.toString());
    assertThat(trained[0]).as(trained[2]).isEqualTo("0");
    Path model = all.resolve("model");
    assertThat(model.resolve("reliability.json")).doesNotExist();

    String[] refused = run("calibrate", "--model", model.toString(), "--data", data.toString());
    assertThat(refused[0]).isNotEqualTo("0");
    assertThat(refused[2]).contains("trained on every training image")
        .contains("--validation-fraction");
    String[] outOfRange = run("calibrate", "--model", model.toString(), "--data",
        data.toString(), "--validation-fraction", "0.7");
    assertThat(outOfRange[0]).isNotEqualTo("0");
    assertThat(outOfRange[2]).contains("--validation-fraction must be in (0, 0.5], got 0.7");
    assertThat(model.resolve("reliability.json")).doesNotExist();

    String[] calibrated = run("calibrate", "--model", model.toString(), "--data",
        data.toString(), "--validation-fraction", "0.2");
    assertThat(calibrated[0]).as(calibrated[2]).isEqualTo("0");
    assertThat(calibrated[1]).contains("on 80 validation images");
    assertThat(model.resolve("reliability.json")).exists();
  }

  @Test
  void predictClassifiesPngIdxAndCsvFiles() throws IOException {
    int row = 7;
    BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    png.getRaster().setDataElements(0, 0, 28, 28, test.image(row).pixels());
    Path file = dir.resolve("item.png");
    ImageIO.write(png, "png", file.toFile());
    String[] result = run("predict", "--model", run.resolve("model").toString(),
        file.toString(), "--top", "2");
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).startsWith(file + ":\n  ");
    String[] json = run("predict", "--model", run.resolve("model").toString(), "--json",
        file.toString(), data.resolve("t10k-images-idx3-ubyte.gz").toString());
    assertThat(json[0]).isEqualTo("0");
    assertThat(json[1]).contains("\"file\" : \"" + file + "\"")
        .contains("t10k-images-idx3-ubyte.gz[99]");
  }

  @Test
  void predictShowsTheImageTheModelSaw() throws IOException {
    BufferedImage photo = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = photo.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 120, 90);
    g.setColor(java.awt.Color.DARK_GRAY);
    g.fillRect(40, 10, 40, 70);
    g.dispose();
    Path file = dir.resolve("shirt photo.png");
    ImageIO.write(photo, "png", file.toFile());
    Path shown = dir.resolve("shown");
    String[] result = run("predict", "--model", run.resolve("model").toString(),
        "--show-input", shown.toString(), file.toString());
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    BufferedImage seen = ImageIO.read(shown.resolve("shirt_photo.png.input.png").toFile());
    assertThat(seen.getWidth()).isEqualTo(28);
    assertThat(seen.getHeight()).isEqualTo(28);
    // the garment, negated and centred (its box is 4:7, so 16x28), on black
    assertThat(seen.getRaster().getSample(14, 14, 0)).isGreaterThan(150);
    assertThat(seen.getRaster().getSample(2, 14, 0)).isZero();
  }

  @Test
  void predictRefusesABadFileWithOneErrorLine() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.png"), "not an image");
    String[] result = run("predict", "--model", run.resolve("model").toString(),
        junk.toString());
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).startsWith("error: " + junk).hasLineCount(1);
  }

  @Test
  void summaryPrintsTheSeedConvNetsTable() {
    String[] result = run("summary", "--recipe", "seed-convnet");
    assertThat(result[1]).contains("Total params: 13,017,770")
        .contains("Non-trainable params: 1,664");
  }

  @Test
  void augmentWritesAPreviewGrid() throws IOException {
    Path preview = dir.resolve("preview.png");
    String[] result = run("augment", "--preview", preview.toString(), "--recipe", "fast",
        "--data", data.toString(), "--versions", "3");
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    BufferedImage image = ImageIO.read(preview.toFile());
    assertThat(image.getWidth()).isGreaterThan(image.getHeight() / 4);
  }

  @Test
  void augmentEachParameterShowsElevenColumnsOfTenClasses() throws IOException {
    Path preview = dir.resolve("each.png");
    String[] result = run("augment", "--each-parameter", "--preview", preview.toString(),
        "--data", data.toString());
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    BufferedImage image = ImageIO.read(preview.toFile());
    // the original and ten examples per row, one row per class, each 28 pixels drawn 4 times
    int pitch = 112 + ImageGrid.MARGIN;
    assertThat(image.getWidth()).isBetween(11 * pitch, 12 * pitch - 1);
    assertThat(image.getHeight()).isGreaterThan(10 * 112);
    assertThat(result[1]).contains("one example of each Keras ImageDataGenerator parameter");
  }

  @Test
  void anUnknownRecipeIsABadArgument() {
    String[] result = run("train", "--recipe", "fastest", "--data", data.toString());
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("'fastest' is neither a shipped recipe");
  }

  @Test
  void unwritableOutputsAndRefusedModelsAreBadInputWithOneErrorLine() throws IOException {
    Path missing = dir.resolve("no-such-dir").resolve("preview.png");
    for (String[] args : new String[][] {
        {"augment", "--preview", missing.toString(), "--data", data.toString()},
        {"evaluate", "--model", run.resolve("model").toString(), "--data", data.toString(),
            "--predictions", missing.toString()},
        {"predict", "--model", "", data.resolve("t10k-images-idx3-ubyte.gz").toString()}}) {
      String[] result = run(args);
      assertThat(result[0]).as(String.join(" ", args)).isEqualTo("2");
      assertThat(result[2].lines().count()).as(result[2]).isEqualTo(1);
      assertThat(result[2]).startsWith("error: ");
    }
    Path foreign = Files.createDirectories(dir.resolve("foreign-model"));
    Files.writeString(foreign.resolve("clothing-model.json"), "{\"format\": \"clothing-model\","
        + " \"backend\": \"tensorflow\", \"format_version\": 1, \"format_version\": 2}");
    String[] refused = run("predict", "--model", foreign.toString(),
        data.resolve("t10k-images-idx3-ubyte.gz").toString());
    assertThat(refused[0]).as(refused[2]).isEqualTo("2");
    assertThat(refused[2]).startsWith("error: ").contains("clothing-model.json")
        .contains("Duplicate field");
  }

  @Test
  void aRecipeNameNeverLeadsOutsideTheRunsDirectory() {
    assertThat(TrainCommand.directoryName("../../../tmp/x")).isEqualTo("_.._.._tmp_x");
    assertThat(TrainCommand.directoryName("..")).isEqualTo("recipe");
    assertThat(TrainCommand.directoryName("fast")).isEqualTo("fast");
    assertThat(Path.of("runs").resolve(TrainCommand.directoryName("/etc/../x")).normalize()
        .startsWith(Path.of("runs"))).isTrue();
  }
}
