package io.clothing.preprocessing;

import io.clothing.api.DataFormatException;
import io.clothing.api.GrayImage;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an image file (PNG, JPEG, WebP, TIFF, BMP, GIF; any size, colour or grayscale) into a
 * 28x28 {@link GrayImage} in Fashion-MNIST's convention: a light garment on a black background,
 * centred, its longer side filling the 28 pixels, its aspect ratio kept.
 *
 * <p>The rule, step by step, after Fashion-MNIST's own conversion (Xiao et al. 2017: trim the
 * background, resize the longer edge to 28, centre, negate, 8-bit grey):
 * <ol>
 *   <li>The declared size is read from the file's header; more than {@link #DEFAULT_MAX_PIXELS}
 *       pixels (or the limit given) is refused before anything is decoded.
 *   <li>A JPEG's EXIF orientation (which phones write instead of turning the pixels) is applied,
 *       so that the garment stands as the photographer saw it.
 *   <li>Transparent pixels are laid on white, as a browser shows them; luma is
 *       {@code 0.299 R + 0.587 G + 0.114 B}.
 *   <li>An image that is already 28x28 is returned pixel for pixel (inverted if the mean of its
 *       outermost ring is above 127.5, a light background), so a Fashion-MNIST image saved as PNG
 *       reads back unchanged.
 *   <li>Otherwise a copy at most {@value #WORK_SIDE} pixels on its longer side is segmented
 *       ({@link Foreground}): the background's colour (a plane, so gradients and falling light
 *       count as background), spread and texture are learnt from the border after a blur that
 *       averages texture away (carpet, wood grain, fabric), grown inwards by flood fill through
 *       pixels of its colour and texture, the edge refined with colour clusters of both sides,
 *       a cast shadow beside the garment given back to the background, and the largest region
 *       the background does not reach, holes filled, is the garment.
 *   <li>The garment's luma is negated, as Zalando negated every product photo, unless the
 *       background is near black (border luma up to {@value #DARK_BACKGROUND}: a light garment
 *       already drawn on black); everything outside the garment becomes 0.
 *   <li>The garment's box is scaled by area averaging so that its longer side is 28 pixels, and
 *       centred on black.
 *   <li>If no garment stands out from the border (a blank frame, say), the plain rule applies:
 *       inversion when the border is light, the border's level subtracted, and the box of pixels
 *       brighter than the background by more than {@link #CONTENT_THRESHOLD}.
 * </ol>
 *
 * <p>Stateless and thread-safe. Failures throw {@link DataFormatException} naming the file.
 */
public final class ImageImporter {
  /**
   * Decoder warnings after which every pixel is still decoded: an ICC colour profile missing
   * (a CMYK JPEG converted with a generic profile), invalid or ignored, or a bogus metadata
   * segment skipped. Every other warning refuses the image.
   */
  private static final Pattern PIXELS_WHOLE_WARNING = Pattern.compile(
      "ICC|color profile|^Bogus APP\\d+");

  /** The largest image file read, in bytes (256 MiB); a 50-megapixel photo takes far less. */
  public static final long MAX_FILE_BYTES = 256L << 20;

  /** The default limit on declared pixels, 50 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  /** How much brighter than the background (0-255) a pixel must be to count as garment. */
  public static final int CONTENT_THRESHOLD = 24;

  static {
    registerImageReaders();
  }

  private ImageImporter() {}

  /**
   * Registers the image readers on this library's class path (the JPEG, TIFF and WebP plugins) with
   * ImageIO. ImageIO finds plugins itself only through the class loader of the thread that first
   * uses it, which in an application server or a Spark executor may not see this library's jars.
   */
  private static void registerImageReaders() {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    Iterator<ImageReaderSpi> readers = ServiceLoader.load(ImageReaderSpi.class,
        ImageImporter.class.getClassLoader()).iterator();
    for (int failures = 0; failures < 16; ) {
      try {
        if (!readers.hasNext()) {
          return;
        }
        ImageReaderSpi reader = readers.next();
        if (registry.getServiceProviderByClass(reader.getClass()) == null) {
          registry.registerServiceProvider(reader);
        }
      } catch (ServiceConfigurationError e) {
        failures++; // a plugin that cannot be loaded is left out; the JDK's readers remain
      }
    }
  }

  /** Reads {@code file} with the default pixel limit; see the class comment. */
  public static GrayImage read(Path file) {
    return read(file, DEFAULT_MAX_PIXELS);
  }

  /**
   * Reads {@code file}, refusing images that declare more than {@code maxPixels} pixels.
   *
   * @throws DataFormatException if the file is missing, not a supported image, corrupt or too
   *     large
   */
  public static GrayImage read(Path file, long maxPixels) {
    String name = file.toString();
    InputFiles.requireReadableFile(file);
    byte[] encoded;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new DataFormatException(name, "", String.format("the file has %,d bytes, more "
            + "than the %,d an image file may have", size, MAX_FILE_BYTES));
      }
      encoded = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataFormatException(name, "", "cannot read the file: " + e.getMessage(), e);
    }
    return read(encoded, name, maxPixels);
  }

  /**
   * Decodes an image file's bytes (PNG, JPEG, WebP, TIFF, BMP or GIF) held in memory, as
   * {@link #read(Path)} reads a file.
   *
   * @param encoded the file's bytes; never null
   * @param name where they came from (a path or URL), for messages; never null
   * @param maxPixels the most pixels the image may declare
   * @throws DataFormatException naming {@code name}, if the bytes are not a supported image, are
   *     corrupt or declare too many pixels
   */
  public static GrayImage read(byte[] encoded, String name, long maxPixels) {
    int orientation = ExifOrientation.of(encoded,
        Math.min(encoded.length, ExifOrientation.HEADER_BYTES));
    try (ImageInputStream in = new EndBoundedImageInput(encoded, name)) {
      return decode(in, name, maxPixels, orientation);
    } catch (IOException e) {
      throw new DataFormatException(name, "", "cannot decode the image: " + problem(e), e);
    }
  }

  private static GrayImage decode(ImageInputStream in, String name, long maxPixels,
      int orientation) {
    try {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new DataFormatException(name, "",
            "not an image this reader knows (PNG, JPEG, WebP, TIFF, BMP or GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > maxPixels) {
          throw new DataFormatException(name, "header",
              "the image declares " + width + "x" + height + " = "
                  + String.format("%,d", width * height) + " pixels, more than the limit of "
                  + String.format("%,d", maxPixels));
        }
        // a decoder warning (a truncated or corrupt JPEG, say) means a part of the picture is
        // made up: refuse it rather than classify what is left; only warnings about colour
        // profiles and skipped metadata segments leave every pixel decoded
        reader.addIIOReadWarningListener((source, warning) -> {
          if (!PIXELS_WHOLE_WARNING.matcher(warning).find()) {
            throw new DataFormatException(name, "", "corrupt or truncated image: " + warning);
          }
        });
        BufferedImage image = ExifOrientation.upright(reader.read(0), orientation);
        return convert(Pixels.of(image));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFormatException d) {
        throw d;
      }
      throw new DataFormatException(name, "", "cannot decode the image: " + problem(e), e);
    }
  }

  /** What went wrong, for a message: the exception's own words, or what its kind says. */
  private static String problem(Exception e) {
    if (e instanceof EOFException) {
      return "the image data ends early (truncated or corrupt)"
          + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Converts an already decoded image; see the class comment. */
  public static GrayImage fromImage(BufferedImage image) {
    return convert(Pixels.of(image));
  }

  /** Border luma (0-255) up to which a background counts as black: the garment is not negated. */
  static final double DARK_BACKGROUND = 64;

  /** The longest side of the copy that segmentation works on, in pixels. */
  static final int WORK_SIDE = 160;

  /**
   * An image's red, green and blue planes and luma, 0-255, transparency laid on white. A gray
   * image's planes are its stored values (getRGB would apply a gamma conversion).
   */
  private record Pixels(int width, int height, float[] red, float[] green, float[] blue,
      float[] luma) {

    static Pixels of(BufferedImage image) {
      int w = image.getWidth();
      int h = image.getHeight();
      float[] r = new float[w * h];
      float[] g = new float[w * h];
      float[] b = new float[w * h];
      float[] luma = new float[w * h];
      var raster = image.getRaster();
      if (raster.getNumBands() == 1 && raster.getSampleModel().getSampleSize(0) == 8
          && image.getColorModel().getNumComponents() == 1) {
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
          luma[i] = samples[i];
        }
        return new Pixels(w, h, luma, luma, luma, luma);
      }
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int argb = row[x];
          float alpha = (argb >>> 24) / 255f;
          int i = y * w + x;
          r[i] = (argb >> 16 & 0xFF) * alpha + 255f * (1 - alpha);
          g[i] = (argb >> 8 & 0xFF) * alpha + 255f * (1 - alpha);
          b[i] = (argb & 0xFF) * alpha + 255f * (1 - alpha);
          luma[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        }
      }
      return new Pixels(w, h, r, g, b, luma);
    }

    /** This image area-averaged down so that its longer side is at most {@code side}. */
    Pixels shrunkTo(int side) {
      if (Math.max(width, height) <= side) {
        return this;
      }
      int outW = Math.max(1, (int) Math.round(width * (double) side / Math.max(width, height)));
      int outH = Math.max(1, (int) Math.round(height * (double) side / Math.max(width, height)));
      int[] all = {0, 0, width, height};
      return new Pixels(outW, outH, areaResample(red, width, all, outW, outH),
          areaResample(green, width, all, outW, outH), areaResample(blue, width, all, outW, outH),
          areaResample(luma, width, all, outW, outH));
    }
  }

  private static GrayImage convert(Pixels pixels) {
    if (pixels.width() == GrayImage.SIDE && pixels.height() == GrayImage.SIDE) {
      // already Fashion-MNIST's size: pixel for pixel, inverted if the background is light
      float[] v = pixels.luma().clone();
      if (borderMean(v, GrayImage.SIDE, GrayImage.SIDE) > 127.5) {
        negate(v);
      }
      return GrayImage.of(toBytes(v));
    }
    Pixels work = pixels.shrunkTo(WORK_SIDE);
    int w = work.width();
    int h = work.height();
    float[] v = work.luma().clone();
    Foreground.Result garment = Foreground.find(work.red(), work.green(), work.blue(), v, w, h);
    int[] box;
    if (garment.found()) {
      // Zalando negated every product photo; a garment on a near-black background is taken to
      // be drawn light-on-black already, as Fashion-MNIST's own images are
      if (garment.backgroundLuma() > DARK_BACKGROUND) {
        negate(v);
      }
      for (int i = 0; i < v.length; i++) {
        if (!garment.mask()[i]) {
          v[i] = 0;
        }
      }
      box = box(i -> garment.mask()[i], w, h);
    } else {
      // nothing stands out from the border: the plain rule, inversion by the border's brightness
      double border = borderMean(v, w, h);
      if (border > 127.5) {
        negate(v);
        border = 255 - border;
      }
      double threshold = border + CONTENT_THRESHOLD;
      box = box(i -> v[i] > threshold, w, h);
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) Math.max(0, v[i] - border); // the background's level becomes black
      }
    }
    return centred(v, w, box);
  }

  /** {@code 255 - v}, in place: a light background becomes black. */
  private static void negate(float[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = 255f - v[i];
    }
  }

  /**
   * {x0, y0, x1, y1} (exclusive ends) of the pixels (row-major indices) that are {@code in}; the
   * whole image if none is.
   */
  private static int[] box(java.util.function.IntPredicate in, int w, int h) {
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int i = 0; i < w * h; i++) {
      if (in.test(i)) {
        x0 = Math.min(x0, i % w);
        x1 = Math.max(x1, i % w);
        y0 = Math.min(y0, i / w);
        y1 = Math.max(y1, i / w);
      }
    }
    return x1 < 0 ? new int[] {0, 0, w, h} : new int[] {x0, y0, x1 + 1, y1 + 1};
  }

  /** The box of {@code v} scaled so that its longer side is 28 pixels, centred on black. */
  private static GrayImage centred(float[] v, int stride, int[] box) {
    int bw = box[2] - box[0];
    int bh = box[3] - box[1];
    int side = GrayImage.SIDE;
    int outW = Math.max(1, (int) Math.round(bw >= bh ? side : side * (double) bw / bh));
    int outH = Math.max(1, (int) Math.round(bh >= bw ? side : side * (double) bh / bw));
    float[] scaled = areaResample(v, stride, box, outW, outH);
    float[] canvas = new float[side * side];
    int left = (side - outW) / 2;
    int top = (side - outH) / 2;
    for (int y = 0; y < outH; y++) {
      System.arraycopy(scaled, y * outW, canvas, (top + y) * side + left, outW);
    }
    return GrayImage.of(toBytes(canvas));
  }

  private static double borderMean(float[] v, int w, int h) {
    double sum = 0;
    int n = 0;
    for (int x = 0; x < w; x++) {
      sum += v[x] + v[(h - 1) * w + x];
      n += 2;
    }
    for (int y = 1; y < h - 1; y++) {
      sum += v[y * w] + v[y * w + w - 1];
      n += 2;
    }
    return sum / n;
  }

  /**
   * Resamples the box of {@code v} to {@code outW x outH}: each output pixel is the mean of the
   * source area it covers, fractional pixels weighted by their coverage. The weights are a
   * product of a column and a row weight, so it runs as two passes: along the rows, then down the
   * columns.
   */
  private static float[] areaResample(float[] v, int stride, int[] box, int outW, int outH) {
    int bw = box[2] - box[0];
    int bh = box[3] - box[1];
    Coverage across = new Coverage(bw, outW);
    Coverage down = new Coverage(bh, outH);
    float[] rows = new float[bh * outW];
    for (int y = 0; y < bh; y++) {
      int source = (box[1] + y) * stride + box[0];
      for (int ox = 0; ox < outW; ox++) {
        rows[y * outW + ox] = (float) across.mean(v, source, 1, ox);
      }
    }
    float[] out = new float[outW * outH];
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        out[oy * outW + ox] = (float) down.mean(rows, ox, outW, oy);
      }
    }
    return out;
  }

  /**
   * For each of {@code n} output positions along one axis, the {@code size} source positions it
   * covers (from {@code first}) and how much of each (1 inside, a fraction at the two ends).
   */
  private static final class Coverage {
    private final int[] first;
    private final double[][] weights;
    private final double[] total;

    Coverage(int size, int n) {
      first = new int[n];
      weights = new double[n][];
      total = new double[n];
      double step = size / (double) n;
      for (int o = 0; o < n; o++) {
        double from = o * step;
        double to = from + step;
        int start = (int) from;
        int end = (int) Math.min(size, Math.ceil(to));
        first[o] = start;
        weights[o] = new double[Math.max(0, end - start)];
        for (int i = start; i < end; i++) {
          double w = Math.min(to, i + 1) - Math.max(from, i);
          weights[o][i - start] = w;
          total[o] += w;
        }
      }
    }

    /** The weighted mean for output {@code o} of {@code v[offset + i * spacing]}. */
    double mean(float[] v, int offset, int spacing, int o) {
      double[] w = weights[o];
      int at = offset + first[o] * spacing;
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        sum += w[i] * v[at + i * spacing];
      }
      return sum / total[o];
    }
  }

  private static byte[] toBytes(float[] v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
    }
    return out;
  }
}
