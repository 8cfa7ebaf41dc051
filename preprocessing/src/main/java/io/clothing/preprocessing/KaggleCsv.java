package io.clothing.preprocessing;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.clothing.api.DataFormatException;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads and writes Fashion-MNIST in Kaggle's CSV layout ({@code fashion-mnist_train.csv}): a
 * header {@code label,pixel1,...,pixel784}, then one row per image with the label (0-9) and 784
 * pixel values (0-255), 785 columns in all. This is what the original notebook loads with
 * {@code pd.read_csv}.
 *
 * <p>Reading accepts LF or CRLF line ends, quoted fields (a quoted header too), blank lines and a
 * missing final newline. It refuses a wrong header, a row with the wrong number of columns, and a
 * value that is not an integer or is out of range, with a {@link DataFormatException} naming the
 * file, line and column (both 1-based). Stateless and thread-safe.
 */
public final class KaggleCsv {
  /** Columns per row: the label and 784 pixels. */
  public static final int COLUMNS = 1 + GrayImage.PIXELS;

  private static final CsvMapper MAPPER = new CsvMapper();

  private KaggleCsv() {}

  /**
   * Reads a Kaggle-layout CSV file.
   *
   * @throws DataFormatException if the file is missing or malformed
   */
  public static ImageDataset read(Path file) {
    String name = file.toString();
    InputFiles.requireReadableFile(file);
    try (Reader reader = withoutByteOrderMark(Files.newBufferedReader(file,
            StandardCharsets.UTF_8));
        CsvParser parser = MAPPER.getFactory().createParser(reader)) {
      parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
      parser.enable(CsvParser.Feature.TRIM_SPACES);
      return read(parser, name);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(name, "", "no such file", e);
    } catch (IOException e) {
      throw new DataFormatException(name, "", "cannot read: " + e.getMessage(), e);
    }
  }

  /** Skips a UTF-8 byte-order mark, which spreadsheet programs put before the header. */
  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    java.io.PushbackReader in = new java.io.PushbackReader(reader, 1);
    int first = in.read();
    if (first != -1 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }

  private static ImageDataset read(CsvParser parser, String name) throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      throw new DataFormatException(name, "line 1", "the file is empty: expected the header "
          + "label,pixel1,...,pixel784");
    }
    readHeader(parser, name);
    byte[] pixels = new byte[GrayImage.PIXELS * 1024];
    byte[] labels = new byte[1024];
    int rows = 0;
    while (parser.nextToken() == JsonToken.START_ARRAY) {
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, rows * 2);
        pixels = Arrays.copyOf(pixels, rows * 2 * GrayImage.PIXELS);
      }
      int line = parser.currentLocation().getLineNr();
      int column = 0;
      boolean blank = false;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        column++;
        if (column == 1 && parser.getTextLength() == 0) {
          if (parser.nextToken() == JsonToken.END_ARRAY) {
            blank = true; // Jackson skips blank LF lines itself, not blank CRLF lines
            break;
          }
          throw new DataFormatException(name, "line " + line + ", column 1",
              "'' is not an integer");
        }
        if (column > COLUMNS) {
          throw new DataFormatException(name, "line " + line,
              "more than " + COLUMNS + " columns (label and 784 pixels)");
        }
        int value = parseInt(parser, name, line, column);
        if (column == 1) {
          if (value > 9) {
            throw new DataFormatException(name, "line " + line + ", column 1",
                "label " + value + " is outside 0-9");
          }
          labels[rows] = (byte) value;
        } else {
          if (value > 255) {
            throw new DataFormatException(name, "line " + line + ", column " + column,
                "pixel value " + value + " is outside 0-255");
          }
          pixels[rows * GrayImage.PIXELS + column - 2] = (byte) value;
        }
      }
      if (blank) {
        continue;
      }
      if (column != COLUMNS) {
        throw new DataFormatException(name, "line " + line,
            column + " columns, expected " + COLUMNS + " (label and 784 pixels)");
      }
      rows++;
    }
    return ImageDataset.of(
        Arrays.copyOf(pixels, rows * GrayImage.PIXELS), Arrays.copyOf(labels, rows));
  }

  private static void readHeader(CsvParser parser, String name) throws IOException {
    int column = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      column++;
      String expected = column == 1 ? "label" : "pixel" + (column - 1);
      String actual = parser.getText();
      if (column > COLUMNS || !expected.equals(actual)) {
        throw new DataFormatException(name, "line 1, column " + column,
            "header field '" + actual + "' where Kaggle's layout has "
                + (column > COLUMNS ? "no more columns" : "'" + expected + "'")
                + " (expected label,pixel1,...,pixel784)");
      }
    }
    if (column != COLUMNS) {
      throw new DataFormatException(name, "line 1",
          "the header has " + column + " columns, expected " + COLUMNS
              + " (label,pixel1,...,pixel784)");
    }
  }

  /** Parses a non-negative decimal integer from the current cell without allocating. */
  private static int parseInt(CsvParser parser, String name, int line, int column)
      throws IOException {
    char[] chars = parser.getTextCharacters();
    int start = parser.getTextOffset();
    int length = parser.getTextLength();
    int value = 0;
    boolean ok = length > 0 && length <= 9;
    for (int i = 0; ok && i < length; i++) {
      char c = chars[start + i];
      ok = c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (!ok) {
      String text = new String(chars, start, length);
      String problem = text.matches("-?\\d+")
          ? "value " + text + " is outside " + (column == 1 ? "0-9" : "0-255")
          : "'" + text + "' is not an integer";
      throw new DataFormatException(name, "line " + line + ", column " + column, problem);
    }
    return value;
  }

  /**
   * Writes {@code data} in Kaggle's layout with LF line ends.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(ImageDataset data, Path file) {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("label");
      for (int p = 1; p <= GrayImage.PIXELS; p++) {
        out.write(",pixel" + p);
      }
      out.write('\n');
      StringBuilder row = new StringBuilder(4 * COLUMNS);
      for (int i = 0; i < data.size(); i++) {
        row.setLength(0);
        row.append(data.labelIndex(i));
        for (int p = 0; p < data.pixelsPerImage(); p++) {
          row.append(',').append(data.pixel(i, p));
        }
        out.append(row).write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
