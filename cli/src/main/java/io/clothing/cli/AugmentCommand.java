package io.clothing.cli;

import io.clothing.api.Augmentation;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.SeededRandom;
import io.clothing.api.TrainingRecipe;
import io.clothing.augmentation.Augmentations;
import io.clothing.augmentation.KerasExamples;
import io.clothing.preprocessing.FashionMnist;
import io.clothing.reporting.ImageGrid;
import io.clothing.reporting.ReportWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clothing augment --preview}: what a recipe's augmentation does to real images. */
@Command(name = "augment", mixinStandardHelpOptions = true,
    description = "Write a grid of training images, each original beside several augmented "
        + "versions, to see what a recipe's augmentation stages do.")
final class AugmentCommand implements Callable<Integer> {
  @Option(names = "--preview", paramLabel = "OUT.png", required = true,
      description = "The PNG file to write.")
  Path preview;

  @Mixin RecipeOption recipe;

  @Option(names = "--versions", paramLabel = "N", defaultValue = "7",
      description = "Augmented versions per image (1-15). Default: ${DEFAULT-VALUE}.")
  int versions;

  @Option(names = "--each-parameter",
      description = "Instead of the recipe's stages, show one labelled example of each Keras "
          + "ImageDataGenerator parameter (rotation, both shifts, shear, zooms, flips), to see "
          + "which way each moves a garment.")
  boolean eachParameter;

  @Mixin DataOptions data;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ReportWriter.requireWritable(preview);
    if (versions < 1 || versions > 15) {
      throw new IllegalArgumentException("--versions must be 1-15, got " + versions);
    }
    if (eachParameter) {
      return eachParameter();
    }
    TrainingRecipe r = recipe.resolve();
    List<Augmentation> stages = Augmentations.create(r.augmentation(),
        getClass().getClassLoader());
    ImageDataset training = data.load(spec.commandLine().getErr()).training();
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    float[] a = new float[GrayImage.PIXELS];
    float[] b = new float[GrayImage.PIXELS];
    SeededRandom random = new SeededRandom(0);
    for (Garment garment : Garment.values()) {
      int row = firstOf(training, garment);
      tiles.add(new ImageGrid.Tile(training.image(row), List.of(garment.displayName(),
          "original"), null, null));
      for (int v = 1; v <= versions; v++) {
        training.copyPixels(row, a, 0, 1f / 255f);
        float[] current = a;
        float[] spare = b;
        random.reseed(r.seed(), v, row);
        for (Augmentation stage : stages) {
          stage.apply(current, 0, spare, 0, GrayImage.SIDE, GrayImage.SIDE, random);
          float[] t = current;
          current = spare;
          spare = t;
        }
        tiles.add(new ImageGrid.Tile(toImage(current), List.of("", "version " + v), null, null));
      }
    }
    ReportWriter.savePng(ImageGrid.render(tiles, versions + 1, 3), preview);
    spec.commandLine().getOut().printf("Wrote %s: one row per class, the original first, then "
        + "%d versions through recipe %s's augmentation (%s)%n", preview.toAbsolutePath(),
        versions, r.name(), r.augmentation());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private Integer eachParameter() {
    ImageDataset training = data.load(spec.commandLine().getErr()).training();
    List<KerasExamples.Example> examples = KerasExamples.each();
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    float[] in = new float[GrayImage.PIXELS];
    float[] out = new float[GrayImage.PIXELS];
    SeededRandom unused = new SeededRandom(0);
    for (Garment garment : Garment.values()) {
      int row = firstOf(training, garment);
      boolean first = garment.index() == 0;
      tiles.add(new ImageGrid.Tile(training.image(row),
          List.of(first ? "original" : "", garment.displayName()), null, null));
      training.copyPixels(row, in, 0, 1f / 255f);
      for (KerasExamples.Example example : examples) {
        example.augmentation().apply(in, 0, out, 0, GrayImage.SIDE, GrayImage.SIDE, unused);
        tiles.add(new ImageGrid.Tile(toImage(out),
            first ? List.of(example.label(), example.effect()) : List.of("", ""), null, null));
      }
    }
    ReportWriter.savePng(ImageGrid.render(tiles, examples.size() + 1, 4), preview);
    spec.commandLine().getOut().printf("Wrote %s: one row per class, the original first, then "
        + "one example of each Keras ImageDataGenerator parameter as Keras applies it%n",
        preview.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static GrayImage toImage(float[] unitPixels) {
    byte[] pixels = new byte[GrayImage.PIXELS];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = (byte) Math.max(0, Math.min(255, Math.round(unitPixels[p] * 255)));
    }
    return GrayImage.of(pixels);
  }

  private static int firstOf(ImageDataset data, Garment garment) {
    for (int i = 0; i < data.size(); i++) {
      if (data.labelIndex(i) == garment.index()) {
        return i;
      }
    }
    throw new IllegalArgumentException("the training set has no " + garment.displayName());
  }
}
