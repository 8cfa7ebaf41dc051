package io.clothing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.ImageDataset;
import io.clothing.preprocessing.IdxWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** 20 training images (2 a class) and 10 test images; pixel p of image i is (i + p) % 256. */
  private static ImageDataset data(int perClass) {
    int n = perClass * 10;
    byte[] pixels = new byte[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      for (int p = 0; p < 784; p++) {
        pixels[i * 784 + p] = (byte) (i + p);
      }
    }
    return ImageDataset.of(pixels, labels);
  }

  @BeforeEach
  void writeData() {
    IdxWriter.write(data(2), dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"), true);
    IdxWriter.write(data(1), dir.resolve("t10k-images-idx3-ubyte.gz"),
        dir.resolve("t10k-labels-idx1-ubyte.gz"), true);
  }

  private int run(String... args) {
    return ClothingCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void printsShapesHeadAndBalanceLikeTheNotebook() {
    assertThat(run("explore", "--data", dir.toString())).isZero();
    String text = out.toString();
    assertThat(text)
        .contains("Number of training examples: (20, 785)")
        .contains("Number of testing examples: (10, 785)")
        .contains("   label  pixel1  pixel2  pixel3  pixel4  pixel5  pixel6  pixel7  pixel8  "
            + "pixel9  ...  pixel775  pixel776")
        // row 1: label 1, pixel1 = (1 + 0) % 256 = 1, pixel784 = (1 + 783) % 256 = 16
        .containsPattern("\n1      1       1       2 .*  \\.\\.\\. .*       16\n")
        .contains("[5 rows x 785 columns]")
        .contains("  6     Shirt               2   10.0%        1   10.0%")
        .contains("The classes are balanced");
  }

  @Test
  void reportsTheRealShapeOfImagesOfAnotherSize() throws IOException {
    byte[] labels = new byte[20];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i % 10);
    }
    IdxWriter.write(ImageDataset.of(32, 32, new byte[20 * 1024], labels),
        dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"),
        true);
    IdxWriter.write(ImageDataset.of(32, 32, new byte[20 * 1024], labels),
        dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"), true);
    assertThat(run("explore", "--data", dir.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Number of training examples: (20, 1025)")
        .contains("pixel1024").contains("[5 rows x 1025 columns]");
  }

  @Test
  void saysWhenClassesAreNotBalanced() {
    assertThat(ExploreCommand.balanced(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100,
        111})).isFalse();
    assertThat(ExploreCommand.balanced(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100,
        110})).isTrue();
    assertThat(ExploreCommand.balanced(new int[] {0, 1, 1, 1, 1, 1, 1, 1, 1, 1})).isFalse();
  }

  @Test
  void aMalformedFileIsOneErrorLineAndExitCodeTwo() throws IOException {
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
    assertThat(run("explore", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: " + dir.resolve("train-labels-idx1-ubyte.gz"))
        .hasLineCount(1);
  }

  @Test
  void stackTracesOnlyWithVerbose() throws IOException {
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
    assertThat(run("explore", "--verbose", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("at io.clothing.preprocessing.IdxReader");
  }

  @Test
  void badArgumentsAreOneErrorLineAndExitCodeTwo() {
    assertThat(run("explore", "--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(
        "error: Unknown option: '--frobnicate' (see 'clothing explore --help')\n");
  }

  @Test
  void missingDataNamesTheDebianPackage() {
    assertThat(run("explore", "--data", dir.resolve("nothing").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("apt-get install dataset-fashion-mnist").hasLineCount(1);
  }
}
