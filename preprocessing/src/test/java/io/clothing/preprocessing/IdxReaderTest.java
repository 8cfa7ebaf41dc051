package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.DataFormatException;
import io.clothing.api.ImageDataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private static byte[] header(int magic, int... dims) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void readsWhatTheWriterWroteGzippedOrNot() {
    ImageDataset data = TestData.random(3, 1);
    for (boolean gzip : new boolean[] {true, false}) {
      Path images = dir.resolve("images-" + gzip);
      Path labels = dir.resolve("labels-" + gzip);
      IdxWriter.write(data, images, labels, gzip);
      assertThat(IdxReader.read(images, labels)).isEqualTo(data);
    }
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    Path f = file("short-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0});
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": byte 6: truncated: the file ends inside its 16-byte IDX header");
  }

  @Test
  void rejectsTruncatedImageDataInAPlainFile() throws IOException {
    Path f = file("t-idx3-ubyte", concat(header(0x803, 2, 28, 28), new byte[784 + 100]));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .hasMessageContaining(f + ": byte 900: truncated: the header claims 2 images");
  }

  @Test
  void rejectsTruncatedImageDataInAGzippedFile() throws IOException {
    Path f = file("t-idx3-ubyte.gz", gzip(concat(header(0x803, 3, 28, 28), new byte[784 * 2])));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("byte 1,584: truncated: the header claims 3 images but the data "
            + "ends after 2 complete images");
  }

  @Test
  void rejectsAHugeClaimInATinyFileWithoutExhaustingMemory() throws IOException {
    // 1 billion 28x28 images would be 784 GB: refused from the header alone.
    Path plain = file("huge-idx3-ubyte", concat(header(0x803, 1_000_000_000, 28, 28),
        new byte[1000]));
    assertThatThrownBy(() -> IdxReader.readImages(plain))
        .hasMessageContaining("byte 4: the header claims 1,000,000,000 images");
    // 2.7 million images (2.1 GB) fits the array limit, so the gzipped reader must find the end
    // of the data without allocating what the header claims.
    Path gz = file("huge-idx3-ubyte.gz", gzip(concat(header(0x803, 2_700_000, 28, 28),
        new byte[1000])));
    assertThatThrownBy(() -> IdxReader.readImages(gz))
        .hasMessageContaining("truncated: the header claims 2,700,000 images but the data ends "
            + "after 1 complete images");
    Path labels = file("huge-idx1-ubyte.gz", gzip(concat(header(0x801, 2_000_000_000),
        new byte[1000])));
    assertThatThrownBy(() -> IdxReader.readLabels(labels))
        .hasMessageContaining("truncated: the header claims 2,000,000,000 labels");
  }

  @Test
  void rejectsWrongMagicNumberNamingWhatTheFileIs() throws IOException {
    Path f = file("swapped-idx3-ubyte", concat(header(0x801, 1), new byte[1]));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .hasMessageContaining("byte 0: wrong magic number 0x00000801 (this is a label file): "
            + "expected 0x00000803");
    Path g = file("junk-idx1-ubyte", new byte[] {'h', 'e', 'l', 'l', 'o', '!', '!', '!'});
    assertThatThrownBy(() -> IdxReader.readLabels(g))
        .hasMessageContaining("byte 0: wrong magic number 0x68656C6C: expected 0x00000801");
  }

  @Test
  void rejectsLabelOutsideZeroToNine() throws IOException {
    Path f = file("bad-idx1-ubyte", concat(header(0x801, 4), new byte[] {0, 9, 11, 2}));
    assertThatThrownBy(() -> IdxReader.readLabels(f))
        .hasMessage(f + ": byte 10: label 11 of item 2 is outside 0-9");
  }

  @Test
  void rejectsImageAndLabelFilesThatDisagree() throws IOException {
    Path images = file("i-idx3-ubyte", concat(header(0x803, 2, 28, 28), new byte[784 * 2]));
    Path labels = file("l-idx1-ubyte", concat(header(0x801, 3), new byte[3]));
    assertThatThrownBy(() -> IdxReader.read(images, labels))
        .hasMessageContaining("holds 3 labels but i-idx3-ubyte holds 2 images");
  }

  @Test
  void rejectsDataAfterTheDeclaredImages() throws IOException {
    Path f = file("long-idx1-ubyte", concat(header(0x801, 2), new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> IdxReader.readLabels(f))
        .hasMessage(f + ": byte 10: unexpected data after the 2 labels the header declares");
  }

  @Test
  void rejectsImpossibleImageSize() throws IOException {
    Path f = file("zero-idx3-ubyte", header(0x803, 1, 0, 28));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .hasMessageContaining("byte 8: image size 0x28 is outside 1-4096");
  }

  @Test
  void rejectsCorruptGzip() throws IOException {
    byte[] good = gzip(concat(header(0x801, 100), new byte[100]));
    byte[] cut = Arrays.copyOf(good, good.length / 2);
    Path f = file("cut-idx1-ubyte.gz", cut);
    assertThatThrownBy(() -> IdxReader.readLabels(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f.toString());
    byte[] flipped = good.clone();
    flipped[12] ^= 0x5A;
    Path g = file("flipped-idx1-ubyte.gz", flipped);
    assertThatThrownBy(() -> IdxReader.readLabels(g)).isInstanceOf(DataFormatException.class);
  }

  @Test
  void rejectsMissingFile() {
    Path f = dir.resolve("absent-idx1-ubyte");
    assertThatThrownBy(() -> IdxReader.readLabels(f)).hasMessage(f + ": no such file");
  }
}
