package io.clothing.preprocessing;

import io.clothing.api.ImageDataset;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a data set as an IDX image file and an IDX label file, gzipped or not: the inverse of
 * {@link IdxReader}. Used to export subsets and to make test fixtures. Stateless and thread-safe.
 */
public final class IdxWriter {
  private IdxWriter() {}

  /**
   * Writes {@code data} to {@code imagesFile} and {@code labelsFile}.
   *
   * @param gzip whether to gzip both files
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(ImageDataset data, Path imagesFile, Path labelsFile, boolean gzip) {
    try (DataOutputStream out = open(imagesFile, gzip)) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(data.size());
      out.writeInt(data.height());
      out.writeInt(data.width());
      byte[] image = new byte[data.pixelsPerImage()];
      for (int i = 0; i < data.size(); i++) {
        data.copyPixels(i, image, 0);
        out.write(image);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + imagesFile, e);
    }
    try (DataOutputStream out = open(labelsFile, gzip)) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(data.size());
      out.write(data.labelIndices());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + labelsFile, e);
    }
  }

  private static DataOutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return new DataOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw);
  }
}
