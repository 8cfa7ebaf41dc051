package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.DataFormatException;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageImporterTest {
  @TempDir Path dir;

  private static BufferedImage gray(GrayImage image) {
    BufferedImage out = new BufferedImage(image.width(), image.height(),
        BufferedImage.TYPE_BYTE_GRAY);
    out.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
    return out;
  }

  private Path save(BufferedImage image, String format, String name) throws IOException {
    Path file = dir.resolve(name);
    assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    return file;
  }

  @Test
  void aFashionMnistImageSavedAsPngReadsBackPixelForPixel() throws IOException {
    ImageDataset data = TestData.random(1, 3);
    GrayImage original = data.image(4);
    // random noise has a mid-gray border; darken the border so it is a dark-background image
    byte[] pixels = original.pixels();
    for (int i = 0; i < 28; i++) {
      pixels[i] = pixels[27 * 28 + i] = pixels[i * 28] = pixels[i * 28 + 27] = 0;
    }
    GrayImage image = GrayImage.of(pixels);
    assertThat(ImageImporter.read(save(gray(image), "png", "a.png"))).isEqualTo(image);
    assertThat(ImageImporter.read(save(gray(image), "bmp", "a.bmp"))).isEqualTo(image);
    assertThat(ImageImporter.read(save(gray(image), "gif", "a.gif"))).isEqualTo(image);
  }

  @Test
  void aProductPhotoOnWhiteIsInvertedCroppedScaledAndCentred() throws IOException {
    // a 200x100 white photo with a black 100x50 rectangle (the garment), off centre
    BufferedImage photo = TestData.photo(200, 100, Color.WHITE, Color.BLACK, 10, 20, 100, 50);
    GrayImage image = ImageImporter.read(save(photo, "png", "photo.png"));
    assertThat(image.isModelSized()).isTrue();
    // the garment is 2:1, so it becomes 28x14, centred: rows 7-20 white, the rest black
    for (int y = 0; y < 28; y++) {
      int expected = y >= 7 && y < 21 ? 255 : 0;
      assertThat(image.pixel(0, y)).as("row %d", y).isEqualTo(expected);
      assertThat(image.pixel(27, y)).as("row %d", y).isEqualTo(expected);
    }
  }

  @Test
  void aDarkBackgroundColourJpegIsNotInverted() throws IOException {
    BufferedImage photo = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setColor(new Color(250, 240, 230));
    g.fillRect(14, 14, 28, 28);
    g.dispose();
    GrayImage image = ImageImporter.read(save(photo, "jpg", "dark.jpg"));
    assertThat(image.pixel(14, 14)).isGreaterThan(200);
    assertThat(image.pixel(0, 14)).isGreaterThan(200); // cropped to the square: it fills 28x28
  }

  @Test
  void aGarmentOnWoodGrainIsCutOutAndNegated() throws IOException {
    // a 240x160 "wood" background (brown, with rings), a dark 60x120 garment off centre
    BufferedImage photo = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(1);
    for (int y = 0; y < 160; y++) {
      for (int x = 0; x < 240; x++) {
        double grain = 0.85 + 0.12 * Math.sin(x * 0.09 + 6 * Math.sin(y * 0.013))
            + 0.04 * random.nextGaussian();
        int r = (int) Math.max(0, Math.min(255, 170 * grain));
        int g = (int) Math.max(0, Math.min(255, 115 * grain));
        photo.setRGB(x, y, (r << 16) | (g << 8) | 55);
      }
    }
    GrayImage image = ImageImporter.read(save(withGarment(photo, new Color(30, 35, 60), 150, 20, 60, 120), "png",
        "wood.png"));
    // the garment is 1:2, so 14x28 centred: columns 7-20 bright (negated dark blue), the rest 0
    assertCutOut(image, 2, 25, 200, 2, 25);
  }

  @Test
  void aGarmentOnALightGradientIsCutOutWhereAFlatBackgroundColourWouldSwallowIt()
      throws IOException {
    // a sweep from white on the left to mid-grey on the right (light falling off), and a pale
    // rose garment whose colour is no farther from the sweep's median than the sweep's own ends
    BufferedImage photo = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 160; y++) {
      for (int x = 0; x < 240; x++) {
        int v = 250 - x * 110 / 240;
        photo.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    GrayImage image = ImageImporter.read(save(withGarment(photo, new Color(215, 165, 165), 90, 40, 60, 80), "png",
        "sweep.png"));
    // 3:4, so 21x28 centred: columns 4-24 garment (negated, about 75), the rest black
    for (int y = 3; y < 25; y++) {
      for (int x = 5; x <= 22; x++) {
        assertThat(image.pixel(x, y)).as("garment at (%d, %d)", x, y).isBetween(60, 90);
      }
      assertThat(image.pixel(1, y)).as("background at row %d", y).isZero();
      assertThat(image.pixel(26, y)).as("background at row %d", y).isZero();
    }
  }

  @Test
  void aGarmentCutOffByTheFrameOnCarpetIsStillFound() throws IOException {
    // a noisy carpet, and a garment that runs off the bottom edge (a fifth of the border is
    // garment): the border's spread must not be read from the garment's pixels there
    BufferedImage photo = withGarment(carpet(240, 240, new Color(110, 145, 95), 2), new Color(150, 130, 105), 70, 60, 100, 180);
    GrayImage image = ImageImporter.read(save(photo, "png", "cut-off.png"));
    // 100:180, so about 16x28 centred: columns 7-21 garment, the rest black
    assertCutOut(image, 2, 25, 60, 2, 25);
  }

  @Test
  void aGarmentOnCarpetIsCutWithoutARimOfCarpet() throws IOException {
    // a rim of carpet left around the garment would widen its box and draw a grey outline
    BufferedImage photo = withGarment(carpet(240, 240, new Color(150, 120, 170), 3), new Color(40, 45, 50), 60, 40, 120, 160);
    GrayImage image = ImageImporter.read(save(photo, "png", "carpet.png"));
    // 3:4, so 21x28 centred at columns 3/4-24: the columns next to it are black all the way
    assertCutOut(image, 0, 27, 150, 2, 25);
  }

  @Test
  void aSmoothGarmentTheColourOfTheCarpetStandsOutByItsTexture() throws IOException {
    // the garment has the carpet's own average colour: only the carpet's busy texture tells them
    // apart
    Color colour = new Color(120, 140, 100);
    BufferedImage photo = withGarment(carpet(240, 240, colour, 4), colour, 60, 40, 120, 160);
    GrayImage image = ImageImporter.read(save(photo, "png", "same-colour.png"));
    // 3:4, so 21x28 centred: a filled block in columns 4-24, black beside it
    assertCutOut(image, 2, 25, 90, 2, 25);
  }

  @Test
  void aSoftDropShadowUnderAProductShotStaysBackground() throws IOException {
    // a catalogue shot: white, a dark garment, and its shadow to the lower right, blurred and at
    // most 7% darker than the backdrop (a deeper shadow is taken for part of the garment)
    int side = 240;
    float[] shade = new float[side * side];
    for (int y = 52; y < 182; y++) {
      for (int x = 72; x < 172; x++) {
        shade[y * side + x] = 1;
      }
    }
    for (int pass = 0; pass < 3; pass++) {
      shade = Foreground.boxBlur(shade, side, side, 8);
    }
    BufferedImage photo = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int p = 0; p < side * side; p++) {
      int v = Math.round(250 * (1 - 0.07f * shade[p]));
      photo.setRGB(p % side, p / side, (v << 16) | (v << 8) | v);
    }
    GrayImage image = ImageImporter.read(save(withGarment(photo, new Color(40, 40, 45), 60, 40, 100, 130), "png",
        "shadow.png"));
    // 10:13, so about 22x28 centred: the columns beside the garment are black, the shadow left
    // out
    assertCutOut(image, 0, 27, 150, 2, 25);
  }

  @Test
  void aHardCastShadowBesideTheGarmentIsGivenBackToTheBackground() throws IOException {
    // a warm backdrop, a blue garment, and its shadow (the backdrop at 70%) offset 16 pixels to
    // the lower right: too dark to pass as backdrop, but the backdrop's colour darkened
    BufferedImage photo = withGarment(plain(240, 240, new Color(235, 230, 220)),
        new Color(164, 161, 154), 76, 56, 100, 130);
    GrayImage image = ImageImporter.read(save(withGarment(photo, new Color(60, 70, 140), 60, 40,
        100, 130), "png", "cast-shadow.png"));
    // the garment alone is 10:13, so about 22x28 centred in columns 3-24; with the shadow the
    // box would be 116:146 and the garment's right edge a grey band
    assertCutOut(image, 0, 27, 100, 2, 25);
    for (int y = 2; y < 26; y++) {
      assertThat(image.pixel(23, y)).as("the garment's right edge, row %d", y)
          .isBetween(100, 200);
    }
  }

  @Test
  void aGreyGarmentOfThinStrapsOnWhiteIsNotTakenForAShadow() throws IOException {
    // a sandal: grey straps (white at 70%, the backdrop's hue) too thin to have a core, on a
    // black sole; the straps are most of the garment, so they are its own, not its shadow
    BufferedImage photo = plain(240, 240, Color.WHITE);
    Graphics2D g = photo.createGraphics();
    g.setColor(new Color(178, 178, 178));
    for (int strap = 0; strap < 4; strap++) {
      g.fillRect(40, 50 + strap * 28, 160, 10);
    }
    g.fillRect(40, 50, 10, 120);
    g.setColor(new Color(30, 30, 30));
    g.fillRect(40, 160, 160, 24);
    g.dispose();
    GrayImage image = ImageImporter.read(save(photo, "png", "sandal.png"));
    // 160:134, so 28 wide and about 23 tall; the sole is the bottom 4 rows of it: the straps
    // above it cross the full width
    int rowsWithStrap = 0;
    for (int y = 0; y < 20; y++) {
      int lit = 0;
      for (int x = 0; x < 28; x++) {
        lit += image.pixel(x, y) > 40 ? 1 : 0;
      }
      rowsWithStrap += lit >= 24 ? 1 : 0;
    }
    assertThat(rowsWithStrap).as("rows above the sole crossed by a strap")
        .isGreaterThanOrEqualTo(4);
  }

  /**
   * Asserts a garment cut out cleanly: for rows {@code fromRow} to {@code toRow} (inclusive),
   * column 14 brighter than {@code garmentAbove} and the columns {@code left} and {@code right}
   * black.
   */
  private static void assertCutOut(GrayImage image, int fromRow, int toRow, int garmentAbove,
      int left, int right) {
    for (int y = fromRow; y <= toRow; y++) {
      assertThat(image.pixel(14, y)).as("garment at row %d", y).isGreaterThan(garmentAbove);
      assertThat(image.pixel(left, y)).as("left of the garment at row %d", y).isZero();
      assertThat(image.pixel(right, y)).as("right of the garment at row %d", y).isZero();
    }
  }

  /** {@code photo} with a garment drawn on it: a filled rectangle of {@code colour}. */
  private static BufferedImage withGarment(BufferedImage photo, Color colour, int x, int y,
      int width, int height) {
    Graphics2D g = photo.createGraphics();
    g.setColor(colour);
    g.fillRect(x, y, width, height);
    g.dispose();
    return photo;
  }

  /** A backdrop of one colour. */
  private static BufferedImage plain(int width, int height, Color colour) {
    return withGarment(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), colour, 0, 0,
        width, height);
  }

  /** Carpet: a colour with strong pixel noise (plus or minus 35%), seeded. */
  private static BufferedImage carpet(int width, int height, Color colour, long seed) {
    BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double factor = 1 + 0.35 * (random.nextDouble() * 2 - 1);
        int r = (int) Math.min(255, colour.getRed() * factor);
        int gr = (int) Math.min(255, colour.getGreen() * factor);
        int b = (int) Math.min(255, colour.getBlue() * factor);
        photo.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    return photo;
  }

  @Test
  void aBlankFrameFindsNoGarmentAndStaysDark() throws IOException {
    BufferedImage photo = TestData.photo(120, 90, new Color(200, 190, 180),
        new Color(200, 190, 180), 0, 0, 1, 1);
    GrayImage image = ImageImporter.read(save(photo, "png", "blank.png"));
    for (int i = 0; i < 784; i++) {
      assertThat(image.pixel(i % 28, i / 28)).isLessThan(CONTENT_LIMIT);
    }
  }

  private static final int CONTENT_LIMIT = ImageImporter.CONTENT_THRESHOLD;

  /** A JPEG with an EXIF APP1 segment giving {@code orientation}, spliced in after SOI. */
  private static byte[] jpegWithOrientation(BufferedImage image, int orientation, boolean little)
      throws IOException {
    java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
    ImageIO.write(image, "jpg", plain);
    byte[] jpeg = plain.toByteArray();
    java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(26)
        .order(little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
    tiff.put(little ? (byte) 'I' : (byte) 'M').put(little ? (byte) 'I' : (byte) 'M')
        .putShort((short) 42).putInt(8) // header, first directory at 8
        .putShort((short) 1) // one entry
        .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
        .putShort((short) 0).putInt(0); // value padding, no next directory
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy("Exif".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, exif, 0, 4);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8),
        (byte) (exif.length + 2)});
    out.write(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  @Test
  void aPhoneJpegIsTurnedUprightByItsExifOrientation() throws IOException {
    // stored sideways: a 200x100 white picture with a 140x40 dark bar lying across it; EXIF 6
    // (turn 90 degrees clockwise to view) stands the bar up, so the 28x28 result is a tall bar
    BufferedImage stored = TestData.photo(200, 100, Color.WHITE, Color.BLACK, 30, 30, 140, 40);
    for (boolean little : new boolean[] {true, false}) {
      GrayImage upright = ImageImporter.read(jpegWithOrientation(stored, 6, little), "phone.jpg",
          ImageImporter.DEFAULT_MAX_PIXELS);
      assertThat(upright.pixel(14, 2)).as("top centre").isGreaterThan(150);
      assertThat(upright.pixel(14, 25)).as("bottom centre").isGreaterThan(150);
      assertThat(upright.pixel(2, 14)).as("left middle").isLessThan(50);
    }
    GrayImage asStored = ImageImporter.read(jpegWithOrientation(stored, 1, true), "flat.jpg",
        ImageImporter.DEFAULT_MAX_PIXELS);
    assertThat(asStored.pixel(2, 14)).as("left middle, lying bar").isGreaterThan(150);
    // a broken EXIF segment changes nothing
    byte[] broken = jpegWithOrientation(stored, 6, true);
    broken[2 + 4 + 6 + 4] = 0x7F; // the first directory's offset, far out of bounds
    assertThat(ImageImporter.read(broken, "broken.jpg", ImageImporter.DEFAULT_MAX_PIXELS))
        .isEqualTo(asStored);
  }

  @Test
  void imageBytesInMemoryReadAsTheFileDoes() throws IOException {
    BufferedImage photo = TestData.photo(200, 100, Color.WHITE, Color.BLACK, 10, 20, 100, 50);
    Path file = save(photo, "png", "same.png");
    assertThat(ImageImporter.read(java.nio.file.Files.readAllBytes(file), "same.png",
        ImageImporter.DEFAULT_MAX_PIXELS)).isEqualTo(ImageImporter.read(file));
    assertThatThrownBy(() -> ImageImporter.read(new byte[] {1, 2, 3}, "upload-7",
        ImageImporter.DEFAULT_MAX_PIXELS))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("upload-7");
  }

  @Test
  void refusesAnImageDeclaringTooManyPixelsBeforeDecodingIt() throws IOException {
    // a valid 1x1 PNG whose header is rewritten to claim 100,000 x 100,000 pixels
    Path file = save(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", "bomb.png");
    byte[] png = Files.readAllBytes(file);
    ByteBuffer.wrap(png, 16, 8).putInt(100_000).putInt(100_000);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
    Files.write(file, png);
    assertThatThrownBy(() -> ImageImporter.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": header: the image declares 100000x100000 = 10,000,000,000 pixels, "
            + "more than the limit of 50,000,000");
  }

  @Test
  void refusesFilesThatAreNotImages() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.png"), "this is not a picture");
    assertThatThrownBy(() -> ImageImporter.read(text))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("not an image this reader knows (PNG, JPEG, WebP, TIFF, BMP or GIF)");
    Path png = save(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png", "cut.png");
    byte[] bytes = Files.readAllBytes(png);
    Path cut = Files.write(dir.resolve("cut2.png"), java.util.Arrays.copyOf(bytes, 40));
    assertThatThrownBy(() -> ImageImporter.read(cut)).isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(cut.toString());
    assertThatThrownBy(() -> ImageImporter.read(dir.resolve("none.png")))
        .hasMessageEndingWith("none.png: no such file");
  }
}
