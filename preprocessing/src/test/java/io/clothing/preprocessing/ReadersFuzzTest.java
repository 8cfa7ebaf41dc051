package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.DataFormatException;
import io.clothing.api.ImageDataset;
import io.clothing.api.testing.ByteMutations;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Coverage-blind fuzzing of every reader: valid files mutated (bit flips, bad lengths,
 * truncations, insertions, splices) must either read or be refused with
 * {@link DataFormatException}; no other exception, no hang. The build runs jqwik's default
 * number of tries per reader (src/test/resources/junit-platform.properties); a longer run:
 * {@code ./mvnw -pl preprocessing test -Dtest=ReadersFuzzTest -Djqwik.tries.default=100000}.
 */
class ReadersFuzzTest {
  private static Path dir;
  private static byte[] idxImages;
  private static byte[] idxImagesGz;
  private static byte[] idxLabels;
  private static byte[] csv;
  private static byte[] png;
  private static byte[] jpeg;
  private static byte[] bmp;
  private static byte[] gif;
  private static byte[] lossyWebp;
  private static byte[] losslessWebp;
  private static byte[] cmykJpeg;
  private static byte[] cmykTiff;
  private static byte[] deepTiff;

  @BeforeContainer
  static void validFiles() throws IOException {
    dir = Files.createTempDirectory("fuzz");
    ImageDataset data = TestData.random(1, 5);
    IdxWriter.write(data, dir.resolve("i"), dir.resolve("l"), false);
    IdxWriter.write(data, dir.resolve("i.gz"), dir.resolve("l.gz"), true);
    idxImages = Files.readAllBytes(dir.resolve("i"));
    idxImagesGz = Files.readAllBytes(dir.resolve("i.gz"));
    idxLabels = Files.readAllBytes(dir.resolve("l"));
    KaggleCsv.write(data.subset(new int[] {0, 1, 2}), dir.resolve("c.csv"));
    csv = Files.readAllBytes(dir.resolve("c.csv"));
    BufferedImage photo = TestData.photo(40, 60, Color.WHITE, Color.BLUE, 5, 10, 30, 40);
    png = encode(photo, "png");
    jpeg = encode(photo, "jpg");
    bmp = encode(photo, "bmp");
    gif = encode(photo, "gif");
    lossyWebp = Files.readAllBytes(ImageFormatsTest.fixture("ankle-boot-lossy.webp"));
    losslessWebp = Files.readAllBytes(ImageFormatsTest.fixture("pullover-lossless.webp"));
    cmykJpeg = Files.readAllBytes(ImageFormatsTest.fixture("ankle-boot-cmyk.jpg"));
    cmykTiff = Files.readAllBytes(ImageFormatsTest.fixture("ankle-boot-cmyk.tiff"));
    deepTiff = Files.readAllBytes(ImageFormatsTest.fixture("ankle-boot-16bit.tiff"));
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** Writes {@code bytes} and reads them with {@code reader}: read, or refused our way. */
  private static void readsOrRefuses(byte[] bytes, String name, Consumer<Path> reader) {
    Path file = dir.resolve(name);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      reader.accept(file);
    } catch (DataFormatException refused) {
      assertThat(refused.getMessage()).contains(file.toString());
    }
  }

  @Provide
  Arbitrary<byte[]> images() {
    return ByteMutations.of(idxImages);
  }

  @Provide
  Arbitrary<byte[]> gzippedImages() {
    return ByteMutations.of(idxImagesGz);
  }

  @Provide
  Arbitrary<byte[]> labels() {
    return ByteMutations.of(idxLabels);
  }

  @Provide
  Arbitrary<byte[]> csvFiles() {
    return ByteMutations.of(csv);
  }

  @Provide
  Arbitrary<byte[]> pngFiles() {
    return ByteMutations.of(png);
  }

  @Provide
  Arbitrary<byte[]> jpegFiles() {
    return ByteMutations.of(jpeg);
  }

  @Provide
  Arbitrary<byte[]> bmpAndGifFiles() {
    return Arbitraries.oneOf(ByteMutations.of(bmp), ByteMutations.of(gif));
  }

  @Provide
  Arbitrary<byte[]> webpFiles() {
    return Arbitraries.oneOf(ByteMutations.of(lossyWebp), ByteMutations.of(losslessWebp));
  }

  @Provide
  Arbitrary<byte[]> cmykJpegFiles() {
    return ByteMutations.of(cmykJpeg);
  }

  @Provide
  Arbitrary<byte[]> tiffFiles() {
    return Arbitraries.oneOf(ByteMutations.of(cmykTiff), ByteMutations.of(deepTiff));
  }

  @Property
  void idxImages(@ForAll("images") byte[] bytes) {
    readsOrRefuses(bytes, "images", IdxReader::readImages);
  }

  @Property
  void gzippedIdxImages(@ForAll("gzippedImages") byte[] bytes) {
    readsOrRefuses(bytes, "images.gz", IdxReader::readImages);
  }

  @Property
  void idxLabels(@ForAll("labels") byte[] bytes) {
    readsOrRefuses(bytes, "labels", IdxReader::readLabels);
  }

  @Property
  void kaggleCsv(@ForAll("csvFiles") byte[] bytes) {
    readsOrRefuses(bytes, "fuzz.csv", KaggleCsv::read);
  }

  @Property
  void pngImages(@ForAll("pngFiles") byte[] bytes) {
    readsOrRefuses(bytes, "fuzz.png", ImageImporter::read);
  }

  @Property
  void jpegImages(@ForAll("jpegFiles") byte[] bytes) {
    readsOrRefuses(bytes, "fuzz.jpg", ImageImporter::read);
  }

  @Property
  void webpImages(@ForAll("webpFiles") byte[] bytes) {
    readsOrRefuses(bytes, "fuzz.webp", ImageImporter::read);
  }

  @Property
  void cmykJpegImages(@ForAll("cmykJpegFiles") byte[] bytes) {
    readsOrRefuses(bytes, "fuzz-cmyk.jpg", ImageImporter::read);
  }

  @Property
  void tiffImages(@ForAll("tiffFiles") byte[] bytes) {
    readsOrRefuses(bytes, "fuzz.tiff", ImageImporter::read);
  }

  @Property
  void bmpAndGifImages(@ForAll("bmpAndGifFiles") byte[] bytes) {
    readsOrRefuses(bytes, "fuzz.img", ImageImporter::read);
  }
}
