package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.DataFormatException;
import io.clothing.api.GrayImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebP, CMYK JPEG and CMYK or 16-bit TIFF files, compared with what the reference tools decode them to: the fixtures
 * and the commands that made them are in {@code src/test/resources/io/clothing/preprocessing/
 * formats/README.md} (libwebp 1.2.4, ImageMagick 6.9.11-60).
 */
class ImageFormatsTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(ImageFormatsTest.class.getResource("formats/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Mean and largest absolute difference over every colour sample of two same-sized images. */
  private record Difference(double mean, int max) {
    static Difference of(BufferedImage a, BufferedImage b) {
      assertThat(a.getWidth()).isEqualTo(b.getWidth());
      assertThat(a.getHeight()).isEqualTo(b.getHeight());
      long sum = 0;
      int max = 0;
      for (int y = 0; y < a.getHeight(); y++) {
        for (int x = 0; x < a.getWidth(); x++) {
          int p = a.getRGB(x, y);
          int q = b.getRGB(x, y);
          for (int shift = 0; shift < 24; shift += 8) {
            int d = Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
            sum += d;
            max = Math.max(max, d);
          }
        }
      }
      return new Difference(sum / (3.0 * a.getWidth() * a.getHeight()), max);
    }
  }

  private static BufferedImage decode(String name) throws IOException {
    BufferedImage image = ImageIO.read(fixture(name).toFile());
    assertThat(image).as("%s decodes", name).isNotNull();
    return image;
  }

  @Test
  void aLosslessWebpReadsAsThePngItWasMadeFrom() throws IOException {
    assertThat(Difference.of(decode("pullover-lossless.webp"), decode("pullover.png")).max())
        .isZero();
    assertThat(ImageImporter.read(fixture("pullover-lossless.webp")))
        .isEqualTo(ImageImporter.read(fixture("pullover.png")));
  }

  @Test
  void aLossyWebpReadsCloseToWhatLibwebpDecodesItTo() throws IOException {
    // measured: mean 0.46 grey levels, at most 17 (chroma upsampling differs at colour edges)
    Difference difference = Difference.of(decode("ankle-boot-lossy.webp"),
        decode("ankle-boot-lossy.dwebp.png"));
    assertThat(difference.mean()).isLessThan(1.0);
    assertThat(difference.max()).isLessThan(32);
    GrayImage garment = ImageImporter.read(fixture("ankle-boot-lossy.webp"));
    GrayImage reference = ImageImporter.read(fixture("ankle-boot-lossy.dwebp.png"));
    assertThat(meanDifference(garment, reference)).isLessThan(1.5);
  }

  @Test
  void aCmykJpegWithoutProfileReadsInTheColoursImageMagickGivesIt() throws IOException {
    Difference difference = Difference.of(decode("ankle-boot-cmyk.jpg"),
        decode("ankle-boot-cmyk.imagemagick.png"));
    assertThat(difference.max()).isLessThanOrEqualTo(1);
    // the warning that no ICC profile is embedded does not refuse the file, and the garment
    // comes out as from the RGB picture it was made from: measured 2.64 grey levels apart on
    // average, against 17.97 when the JDK's own JPEG reader decodes it (it takes the file
    // without complaint, in the wrong colours: the centre pixel c2c9d7 instead of 8995ae)
    assertThat(meanDifference(ImageImporter.read(fixture("ankle-boot-cmyk.jpg")),
        ImageImporter.read(fixture("ankle-boot.png")))).isLessThan(5);
  }

  @Test
  void cmykAnd16BitTiffsReadInTheColoursImageMagickGivesThem() throws IOException {
    // the JDK's own TIFF reader: the CMYK file 8.9 grey levels off on average (up to 74), and
    // "16-bit samples are not supported for Horizontal differencing Predictor"
    assertThat(Difference.of(decode("ankle-boot-cmyk.tiff"),
        decode("ankle-boot-cmyk-tiff.imagemagick.png")).max()).isLessThanOrEqualTo(1);
    assertThat(Difference.of(decode("ankle-boot-16bit.tiff"), decode("ankle-boot.png")).max())
        .as("16 bits per sample, read to 8 as ImageMagick writes them").isLessThanOrEqualTo(1);
    assertThat(ImageImporter.read(fixture("ankle-boot-16bit.tiff")))
        .isEqualTo(ImageImporter.read(fixture("ankle-boot.png")));
  }

  @Test
  void truncatedWebpJpegAndTiffFilesAreRefusedNamingTheFile() throws IOException {
    for (String name : new String[] {"ankle-boot-lossy.webp", "pullover-lossless.webp",
        "ankle-boot-cmyk.jpg", "ankle-boot-cmyk.tiff", "ankle-boot-16bit.tiff"}) {
      byte[] bytes = Files.readAllBytes(fixture(name));
      Path cut = Files.write(dir.resolve("cut-" + name),
          Arrays.copyOf(bytes, bytes.length / 2));
      assertThatThrownBy(() -> ImageImporter.read(cut)).as(name)
          .isInstanceOf(DataFormatException.class)
          .hasMessageStartingWith(cut + ": ")
          .hasMessageNotContaining("null");
    }
  }

  @Test
  @Timeout(60) // a guard: without the bound on reads past the end this decode never returns
  void aCorruptWebpThatSendsTheDecoderPastTheEndForeverIsRefused() {
    Path spins = fixture("spins-lossless.webp");
    assertThatThrownBy(() -> ImageImporter.read(spins))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(spins + ": the image data ends early (truncated or corrupt): the decoder "
            + "read past the end of the file 65536 times");
  }

  private static double meanDifference(GrayImage a, GrayImage b) {
    byte[] p = a.pixels();
    byte[] q = b.pixels();
    long sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += Math.abs((p[i] & 0xFF) - (q[i] & 0xFF));
    }
    return sum / (double) p.length;
  }
}
