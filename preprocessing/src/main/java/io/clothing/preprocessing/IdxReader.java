package io.clothing.preprocessing;

import io.clothing.api.DataFormatException;
import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files Fashion-MNIST (and MNIST) ship in: {@code *-idx3-ubyte} images and
 * {@code *-idx1-ubyte} labels, gzipped or not (recognised by content, not by name).
 *
 * <p>Every header field is checked before anything is allocated from it, so a small file that
 * claims a billion images fails at once instead of exhausting memory; data is read in growing
 * chunks up to the declared size. Anything malformed throws {@link DataFormatException} naming the
 * file, the byte position and the problem; nothing half-read is ever returned.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxReader {
  /** Magic number of an unsigned-byte, three-dimensional IDX file (images). */
  public static final int IMAGES_MAGIC = 0x0000_0803;
  /** Magic number of an unsigned-byte, one-dimensional IDX file (labels). */
  public static final int LABELS_MAGIC = 0x0000_0801;

  private static final int IMAGES_HEADER = 16;
  private static final int LABELS_HEADER = 8;
  private static final int MAX_SIDE = 4096;
  private static final long MAX_BYTES = Integer.MAX_VALUE - 64;
  private static final int FIRST_CHUNK = 1 << 20;

  private IdxReader() {}

  /**
   * Images of one IDX file.
   *
   * @param count the number of images
   * @param rows image height
   * @param columns image width
   * @param pixels {@code count * rows * columns} bytes, image after image, row-major
   */
  public record IdxImages(int count, int rows, int columns, byte[] pixels) {}

  /**
   * Reads an image file and its label file into one data set.
   *
   * @throws DataFormatException if either file is malformed or they disagree in count
   */
  public static ImageDataset read(Path imagesFile, Path labelsFile) {
    IdxImages images = readImages(imagesFile);
    byte[] labels = readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new DataFormatException(
          labelsFile.toString(), "byte 4",
          "holds " + labels.length + " labels but " + imagesFile.getFileName() + " holds "
              + images.count() + " images: the two files do not belong together");
    }
    return ImageDataset.of(images.columns(), images.rows(), images.pixels(), labels);
  }

  /**
   * Reads an {@code idx3-ubyte} image file.
   *
   * @throws DataFormatException if the file is missing, truncated or malformed
   */
  public static IdxImages readImages(Path file) {
    String name = file.toString();
    try (Decoded in = open(file)) {
      byte[] header = readHeader(in, name, IMAGES_HEADER, IMAGES_MAGIC, "an idx3-ubyte image file");
      long count = unsigned(intAt(header, 4));
      long rows = unsigned(intAt(header, 8));
      long columns = unsigned(intAt(header, 12));
      if (rows < 1 || rows > MAX_SIDE || columns < 1 || columns > MAX_SIDE) {
        throw new DataFormatException(name, "byte 8",
            "image size " + rows + "x" + columns + " is outside 1-" + MAX_SIDE + " pixels a side");
      }
      long total = count * rows * columns;
      if (total > MAX_BYTES) {
        throw new DataFormatException(name, "byte 4",
            "the header claims " + String.format("%,d", count) + " images of " + rows + "x"
                + columns + " (" + String.format("%,d", total)
                + " bytes), more than this reader accepts (2 GiB)");
      }
      byte[] pixels = readBody(in, file, IMAGES_HEADER, (int) total, (int) (rows * columns),
          "images");
      return new IdxImages((int) count, (int) rows, (int) columns, pixels);
    } catch (IOException e) {
      throw ioFailure(file, e);
    }
  }

  /**
   * Reads an {@code idx1-ubyte} label file; every label must be 0-9.
   *
   * @throws DataFormatException if the file is missing, truncated or malformed, or a label is
   *     outside 0-9
   */
  public static byte[] readLabels(Path file) {
    String name = file.toString();
    try (Decoded in = open(file)) {
      byte[] header = readHeader(in, name, LABELS_HEADER, LABELS_MAGIC, "an idx1-ubyte label file");
      long count = unsigned(intAt(header, 4));
      if (count > MAX_BYTES) {
        throw new DataFormatException(name, "byte 4",
            "the header claims " + String.format("%,d", count)
                + " labels, more than this reader accepts");
      }
      byte[] labels = readBody(in, file, LABELS_HEADER, (int) count, 1, "labels");
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= Garment.COUNT) {
          throw new DataFormatException(name, position(LABELS_HEADER + i),
              "label " + (labels[i] & 0xFF) + " of item " + i + " is outside 0-9");
        }
      }
      return labels;
    } catch (IOException e) {
      throw ioFailure(file, e);
    }
  }

  private static Decoded open(Path file) throws IOException {
    InputFiles.requireReadableFile(file);
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    boolean gzip = b1 == 0x1f && b2 == 0x8b;
    InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    long size = gzip ? -1 : Files.size(file);
    return new Decoded(in, size);
  }

  /** Reads the header, checking the magic number first so a wrong file type is named as such. */
  private static byte[] readHeader(Decoded in, String name, int length, int magic, String what)
      throws IOException {
    byte[] header = in.readNBytes(length);
    if (header.length >= 4) {
      checkMagic(name, intAt(header, 0), magic, what);
    }
    if (header.length < length) {
      throw new DataFormatException(name, position(header.length),
          "truncated: the file ends inside its " + length + "-byte IDX header");
    }
    return header;
  }

  private static void checkMagic(String name, int magic, int expected, String what) {
    if (magic == expected) {
      return;
    }
    String hint = magic == IMAGES_MAGIC ? " (this is an image file)"
        : magic == LABELS_MAGIC ? " (this is a label file)" : "";
    throw new DataFormatException(name, "byte 0",
        String.format("wrong magic number 0x%08X%s: expected 0x%08X, %s", magic, hint, expected,
            what));
  }

  /**
   * Reads exactly {@code total} bytes of data after the header, growing the buffer as data
   * actually arrives, and checks that nothing follows.
   */
  private static byte[] readBody(
      Decoded in, Path file, int headerSize, int total, int recordSize, String what)
      throws IOException {
    String name = file.toString();
    if (in.knownSize >= 0 && in.knownSize - headerSize < total) {
      throw new DataFormatException(name, position(in.knownSize),
          "truncated: the header claims " + String.format("%,d", total / recordSize) + " " + what
              + " (" + String.format("%,d", total) + " bytes of data) but the file holds only "
              + String.format("%,d", in.knownSize - headerSize) + " bytes after the header");
    }
    byte[] data = new byte[Math.min(total, FIRST_CHUNK)];
    int filled = 0;
    while (filled < total) {
      if (filled == data.length) {
        data = Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
      }
      int n = in.read(data, filled, data.length - filled);
      if (n < 0) {
        throw new DataFormatException(name, position(headerSize + (long) filled),
            "truncated: the header claims " + String.format("%,d", total / recordSize) + " "
                + what + " but the data ends after " + String.format("%,d", filled / recordSize)
                + " complete " + what);
      }
      filled += n;
    }
    if (in.read() >= 0) {
      throw new DataFormatException(name, position(headerSize + (long) total),
          "unexpected data after the " + String.format("%,d", total / recordSize) + " " + what
              + " the header declares");
    }
    return data;
  }

  private static DataFormatException ioFailure(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new DataFormatException(file.toString(), "", "no such file", e);
    }
    if (e instanceof ZipException || e instanceof EOFException) {
      return new DataFormatException(file.toString(), "",
          "corrupt or truncated gzip data: " + e.getMessage(), e);
    }
    return new DataFormatException(file.toString(), "", "cannot read: " + e, e);
  }

  static String position(long byteOffset) {
    return String.format("byte %,d", byteOffset);
  }

  private static int intAt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }

  private static long unsigned(int value) {
    return value & 0xFFFF_FFFFL;
  }

  /** The decoded stream and, for an uncompressed file, its size in bytes (-1 if unknown). */
  private static final class Decoded extends java.io.FilterInputStream {
    final long knownSize;

    Decoded(InputStream in, long knownSize) {
      super(in);
      this.knownSize = knownSize;
    }
  }
}
