package io.clothing.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Classifier;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.preprocessing.IdxReader;
import io.clothing.preprocessing.ImageImporter;
import io.clothing.preprocessing.KaggleCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clothing predict}: classify image files, IDX files or Kaggle CSV files. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classify images: PNG, JPEG, WebP, TIFF, BMP or GIF files of any size "
        + "(converted to Fashion-MNIST's 28x28 light-on-dark convention), *idx3-ubyte[.gz] files "
        + "or Kaggle CSV files (every image in them).",
        "Prints the class and its confidence per image, and marks an answer the model is not "
            + "sure of (a picture unlike the garments it knows)."})
final class PredictCommand implements Callable<Integer> {
  @Mixin ModelOption model;

  @Option(names = "--top", paramLabel = "K", defaultValue = "1",
      description = "Show the K most probable classes (1-10). Default: ${DEFAULT-VALUE}.")
  int top;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--show-input", paramLabel = "DIR",
      description = "Also write, for every image, the 28x28 picture the model saw (as PNG, "
          + "named after the input) into DIR, to see why it answered as it did.")
  Path showInput;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to classify.")
  List<Path> files;

  @Spec CommandSpec spec;

  /** One image to classify, named by file and position. */
  private record Item(String name, GrayImage image) {}

  @Override
  public Integer call() {
    if (top < 1 || top > 10) {
      throw new IllegalArgumentException("--top must be 1-10, got " + top);
    }
    List<Item> items = new ArrayList<>();
    for (Path file : files) {
      items.addAll(read(file));
    }
    if (showInput != null) {
      writeInputs(items);
    }
    List<Prediction> predictions;
    try (Classifier classifier = model.load()) {
      predictions = classifier.predictAll(items.stream().map(Item::image).toList());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < items.size(); i++) {
        ObjectNode node = array.addObject();
        node.put("file", items.get(i).name());
        node.put("class", predictions.get(i).garment().displayName());
        node.put("index", predictions.get(i).garment().index());
        node.put("confidence", predictions.get(i).confidence());
        node.put("reliable", predictions.get(i).isReliable());
        ArrayNode topK = node.putArray("top");
        for (Prediction.Score s : predictions.get(i).top(top)) {
          topK.addObject().put("class", s.garment().displayName())
              .put("probability", s.probability());
        }
      }
      out.println(array.toPrettyString());
    } else {
      for (int i = 0; i < items.size(); i++) {
        Prediction p = predictions.get(i);
        if (top == 1) {
          out.printf(Locale.ROOT, "%s: %s (%.1f%%)%s%n", items.get(i).name(),
              p.garment().displayName(), 100 * p.confidence(), notSure(p));
        } else {
          out.printf("%s:%n", items.get(i).name());
          for (Prediction.Score s : p.top(top)) {
            out.printf(Locale.ROOT, "  %-12s %5.1f%%%n", s.garment().displayName(),
                100 * s.probability());
          }
          if (!p.isReliable()) {
            out.printf(" %s%n", notSure(p));
          }
        }
      }
    }
    out.flush();
    return 0;
  }

  private static String notSure(Prediction p) {
    return p.isReliable() ? "" : " - not sure: the picture is unlike the garments the model knows";
  }

  /** Writes each item's 28x28 image as a PNG named after it into {@link #showInput}. */
  private void writeInputs(List<Item> items) {
    try {
      java.nio.file.Files.createDirectories(showInput);
      for (Item item : items) {
        String name = Path.of(item.name()).getFileName().toString()
            .replaceAll("[^A-Za-z0-9._\\[\\]-]", "_") + ".input.png";
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(GrayImage.SIDE,
            GrayImage.SIDE, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < GrayImage.PIXELS; p++) {
          png.getRaster().setSample(p % GrayImage.SIDE, p / GrayImage.SIDE, 0,
              item.image().pixel(p % GrayImage.SIDE, p / GrayImage.SIDE));
        }
        javax.imageio.ImageIO.write(png, "png", showInput.resolve(name).toFile());
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(showInput + ": cannot write the input images ("
          + e.getMessage() + ")", e);
    }
  }

  private static List<Item> read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<Item> out = new ArrayList<>();
    if (name.endsWith(".csv")) {
      ImageDataset data = KaggleCsv.read(file);
      for (int i = 0; i < data.size(); i++) {
        out.add(new Item(file + "[" + i + "]", data.image(i)));
      }
    } else if (name.contains("idx3-ubyte")) {
      IdxReader.IdxImages images = IdxReader.readImages(file);
      if (images.rows() != GrayImage.SIDE || images.columns() != GrayImage.SIDE) {
        throw new io.clothing.api.DataFormatException(file.toString(), "byte 8",
            "the model takes 28x28 images, the file holds " + images.rows() + "x"
                + images.columns());
      }
      for (int i = 0; i < images.count(); i++) {
        out.add(new Item(file + "[" + i + "]", GrayImage.of(java.util.Arrays.copyOfRange(
            images.pixels(), i * GrayImage.PIXELS, (i + 1) * GrayImage.PIXELS))));
      }
    } else {
      out.add(new Item(file.toString(), ImageImporter.read(file)));
    }
    return out;
  }
}
