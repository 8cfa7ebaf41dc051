package io.clothing.cli;

import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.SeededRandom;
import io.clothing.preprocessing.FashionMnist;
import io.clothing.reporting.Charts;
import io.clothing.reporting.ImageGrid;
import io.clothing.reporting.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clothing explore}: the original notebook's look at the data set. */
@Command(name = "explore", mixinStandardHelpOptions = true,
    description = "Show the data set's shapes, first rows and class balance, as the original "
        + "notebook does.")
final class ExploreCommand implements Callable<Integer> {
  /** Classes count as balanced when the largest is at most this much bigger than the smallest. */
  static final double BALANCE_TOLERANCE = 1.10;

  @Mixin DataOptions data;
  @Spec CommandSpec spec;

  @Option(names = "--plots", paramLabel = "DIR",
      description = "Also write samples.png (16 random training images with their classes) "
          + "and label_distribution.png into DIR.")
  Path plots;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    FashionMnist.Data loaded = data.load(spec.commandLine().getErr());
    ImageDataset train = loaded.training();
    ImageDataset test = loaded.test();
    boolean gzipped = loaded.files().trainImages().toString().endsWith(".gz");
    out.printf("Fashion-MNIST from %s (%s%s): %,d images read in %.2f s%n%n",
        loaded.files().directory(), loaded.files().format(), gzipped ? ", gzipped" : "",
        train.size() + test.size(), loaded.seconds());
    // as pandas shows the Kaggle CSV: a label column and one column per pixel
    out.printf("Number of training examples: (%d, %d)%n", train.size(),
        1 + train.width() * train.height());
    out.printf("Number of testing examples: (%d, %d)%n%n", test.size(),
        1 + test.width() * test.height());
    out.println("First five rows of the training set:");
    out.println(head(train, 5));
    out.println();
    printClassCounts(out, train, test);
    if (plots != null) {
      writePlots(train, test, out);
    }
    out.flush();
    return 0;
  }

  private void writePlots(ImageDataset train, ImageDataset test, PrintWriter out) {
    try {
      Files.createDirectories(plots);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + plots, e);
    }
    SeededRandom random = new SeededRandom(42);
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int row = random.nextInt(train.size());
      tiles.add(new ImageGrid.Tile(train.image(row), List.of(train.label(row).displayName()),
          null, null));
    }
    Path samples = plots.resolve("samples.png");
    ReportWriter.savePng(ImageGrid.render(tiles, 4, 4), samples);
    Map<String, int[]> counts = new LinkedHashMap<>();
    counts.put("training", train.classCounts());
    counts.put("test", test.classCounts());
    Path distribution = plots.resolve("label_distribution.png");
    ReportWriter.savePng(Charts.image(Charts.labelDistribution(Garment.displayNames(), counts)),
        distribution);
    out.printf("%nWrote %s and %s%n", samples.toAbsolutePath(), distribution.toAbsolutePath());
  }

  /**
   * The first rows in pandas' {@code DataFrame.head()} layout: the index, then the first ten and
   * last ten of the label-and-pixel columns (785 for 28x28 images) with {@code ...} between, right-aligned.
   */
  static String head(ImageDataset data, int rows) {
    int shown = Math.min(rows, data.size());
    List<String> headers = new ArrayList<>();
    List<int[]> sources = new ArrayList<>(); // {column}: -1 label, -2 ellipsis, else pixel
    headers.add("label");
    sources.add(new int[] {-1});
    for (int p = 1; p <= 9; p++) {
      headers.add("pixel" + p);
      sources.add(new int[] {p - 1});
    }
    headers.add("...");
    sources.add(new int[] {-2});
    int pixels = data.width() * data.height();
    for (int p = pixels - 9; p <= pixels; p++) {
      headers.add("pixel" + p);
      sources.add(new int[] {p - 1});
    }
    String[][] cells = new String[shown][headers.size()];
    for (int r = 0; r < shown; r++) {
      for (int c = 0; c < headers.size(); c++) {
        int source = sources.get(c)[0];
        cells[r][c] = source == -1 ? String.valueOf(data.labelIndex(r))
            : source == -2 ? "..." : String.valueOf(data.pixel(r, source));
      }
    }
    int indexWidth = String.valueOf(Math.max(0, shown - 1)).length();
    StringBuilder out = new StringBuilder();
    out.append(" ".repeat(indexWidth));
    int[] widths = new int[headers.size()];
    for (int c = 0; c < headers.size(); c++) {
      widths[c] = headers.get(c).length();
      for (String[] row : cells) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
      out.append("  ").append(pad(headers.get(c), widths[c]));
    }
    for (int r = 0; r < shown; r++) {
      out.append('\n').append(pad(String.valueOf(r), indexWidth));
      for (int c = 0; c < headers.size(); c++) {
        out.append("  ").append(pad(cells[r][c], widths[c]));
      }
    }
    out.append("\n\n[").append(shown).append(" rows x ").append(1 + pixels)
        .append(" columns]");
    return out.toString();
  }

  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  private static void printClassCounts(PrintWriter out, ImageDataset train, ImageDataset test) {
    int[] trainCounts = train.classCounts();
    int[] testCounts = test.classCounts();
    out.println("Distribution of labels:");
    out.printf("  %-5s %-12s %8s %7s %8s %7s%n", "label", "class", "train", "share", "test",
        "share");
    for (Garment g : Garment.values()) {
      int i = g.index();
      out.printf("  %-5d %-12s %8d %6.1f%% %8d %6.1f%%%n", i, g.displayName(), trainCounts[i],
          100.0 * trainCounts[i] / Math.max(1, train.size()), testCounts[i],
          100.0 * testCounts[i] / Math.max(1, test.size()));
    }
    out.printf("  %-5s %-12s %8d %7s %8d%n", "", "total", train.size(), "", test.size());
    out.println();
    boolean balanced = balanced(trainCounts) && balanced(testCounts);
    if (balanced) {
      out.printf("The classes are balanced: the largest class is at most %.0f%% bigger than the "
          + "smallest in each split, so there is no need for over- or under-sampling.%n",
          (BALANCE_TOLERANCE - 1) * 100);
    } else {
      out.printf("The classes are NOT balanced: the largest class is more than %.0f%% bigger than "
          + "the smallest in a split; consider stratified sampling or class weights.%n",
          (BALANCE_TOLERANCE - 1) * 100);
    }
  }

  static boolean balanced(int[] counts) {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int c : counts) {
      min = Math.min(min, c);
      max = Math.max(max, c);
    }
    return min > 0 && max <= min * BALANCE_TOLERANCE;
  }
}
