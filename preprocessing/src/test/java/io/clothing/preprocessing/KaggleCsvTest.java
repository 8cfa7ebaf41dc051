package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.DataFormatException;
import io.clothing.api.ImageDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaggleCsvTest {
  @TempDir Path dir;

  private static final String HEADER = "label,"
      + IntStream.rangeClosed(1, 784).mapToObj(i -> "pixel" + i).collect(Collectors.joining(","));

  private static String row(int label, int fill) {
    return label + "," + IntStream.range(0, 784).mapToObj(i -> String.valueOf((fill + i) % 256))
        .collect(Collectors.joining(","));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void readsWhatTheWriterWrote() {
    ImageDataset data = TestData.random(2, 5);
    Path file = dir.resolve("train.csv");
    KaggleCsv.write(data, file);
    assertThat(KaggleCsv.read(file)).isEqualTo(data);
  }

  @Test
  void agreesWithTheIdxFilesOfTheSameImages() {
    ImageDataset data = TestData.random(3, 9);
    Path csv = dir.resolve("a.csv");
    KaggleCsv.write(data, csv);
    IdxWriter.write(data, dir.resolve("i.gz"), dir.resolve("l.gz"), true);
    assertThat(KaggleCsv.read(csv))
        .isEqualTo(IdxReader.read(dir.resolve("i.gz"), dir.resolve("l.gz")));
  }

  @Test
  void acceptsCrlfQuotedHeaderBlankLinesAndNoFinalNewline() throws IOException {
    String quotedHeader = HEADER.replace("label", "\"label\"").replace("pixel784", "\"pixel784\"");
    Path file = write("crlf.csv", quotedHeader + "\r\n" + row(3, 7) + "\r\n\r\n" + row(9, 1));
    ImageDataset data = KaggleCsv.read(file);
    assertThat(data.size()).isEqualTo(2);
    assertThat(data.labelIndex(0)).isEqualTo(3);
    assertThat(data.pixel(0, 783)).isEqualTo((7 + 783) % 256);
    assertThat(data.labelIndex(1)).isEqualTo(9);
    assertThat(data.pixel(1, 0)).isEqualTo(1);
  }

  @Test
  void rejectsWrongColumnCountNamingTheLine() throws IOException {
    String shortRow = row(1, 0).substring(0, row(1, 0).lastIndexOf(','));
    Path file = write("short.csv", HEADER + "\n" + row(1, 0) + "\n" + shortRow + "\n");
    assertThatThrownBy(() -> KaggleCsv.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": line 3: 784 columns, expected 785 (label and 784 pixels)");
    Path longer = write("long.csv", HEADER + "\n" + row(1, 0) + ",0\n");
    assertThatThrownBy(() -> KaggleCsv.read(longer))
        .hasMessage(longer + ": line 2: more than 785 columns (label and 784 pixels)");
  }

  @Test
  void rejectsNonIntegerNamingLineAndColumn() throws IOException {
    String bad = row(2, 0).replaceFirst(",1,", ",1.5,");
    Path file = write("float.csv", HEADER + "\n" + bad + "\n");
    assertThatThrownBy(() -> KaggleCsv.read(file))
        .hasMessage(file + ": line 2, column 3: '1.5' is not an integer");
    Path empty = write("empty-cell.csv", HEADER + "\n" + row(2, 0).replaceFirst(",1,", ",,"));
    assertThatThrownBy(() -> KaggleCsv.read(empty))
        .hasMessage(empty + ": line 2, column 3: '' is not an integer");
  }

  @Test
  void rejectsOutOfRangeValues() throws IOException {
    Path pixel = write("pixel.csv", HEADER + "\n" + row(2, 0).replaceFirst(",1,", ",256,"));
    assertThatThrownBy(() -> KaggleCsv.read(pixel))
        .hasMessage(pixel + ": line 2, column 3: pixel value 256 is outside 0-255");
    Path negative = write("neg.csv", HEADER + "\n" + row(2, 0).replaceFirst(",1,", ",-1,"));
    assertThatThrownBy(() -> KaggleCsv.read(negative))
        .hasMessage(negative + ": line 2, column 3: value -1 is outside 0-255");
    Path label = write("label.csv", HEADER + "\n" + row(12, 0));
    assertThatThrownBy(() -> KaggleCsv.read(label))
        .hasMessage(label + ": line 2, column 1: label 12 is outside 0-9");
  }

  @Test
  void rejectsAWrongOrMissingHeader() throws IOException {
    Path noHeader = write("nohead.csv", row(1, 0) + "\n");
    assertThatThrownBy(() -> KaggleCsv.read(noHeader))
        .hasMessageContaining("line 1, column 1: header field '1' where Kaggle's layout has "
            + "'label'");
    Path empty = write("empty.csv", "");
    assertThatThrownBy(() -> KaggleCsv.read(empty))
        .hasMessageContaining("line 1: the file is empty");
    Path shortHeader = write("sh.csv", "label,pixel1\n");
    assertThatThrownBy(() -> KaggleCsv.read(shortHeader))
        .hasMessageContaining("line 1: the header has 2 columns, expected 785");
  }

  @Test
  void rejectsMissingFile() {
    assertThatThrownBy(() -> KaggleCsv.read(dir.resolve("none.csv")))
        .hasMessageEndingWith("none.csv: no such file");
  }
}
