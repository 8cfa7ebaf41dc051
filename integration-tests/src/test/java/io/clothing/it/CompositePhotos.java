package io.clothing.it;

import io.clothing.api.GrayImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A test set that looks like the real world, made from Fashion-MNIST test images: each garment is
 * upscaled, turned back into a dark-on-light product with a random tint, laid on a background
 * (plain white, a grey studio sweep, wood grain, carpet, woven fabric, or a gradient with a
 * shadow) at a random place and size, and JPEG-compressed. Out-of-distribution pictures (noise,
 * stripes, blank frames, digit-like strokes) come from {@link #outOfDistribution}.
 */
final class CompositePhotos {
  static final int SIZE = 256;

  enum Background { PLAIN_WHITE, STUDIO_GREY, WOOD, CARPET, FABRIC, GRADIENT_SHADOW }

  enum Odd { NOISE, STRIPES, BLANK, STROKES }

  private CompositePhotos() {}

  /** The JPEG bytes of {@code garment} on {@code background}, drawn with {@code random}. */
  static byte[] photo(GrayImage garment, Background background, Random random) {
    float[][] rgb = background(background, random);
    int scale = 6 + random.nextInt(3); // 168-224 pixels tall
    int side = 28 * scale;
    int left = random.nextInt(SIZE - side + 1);
    int top = random.nextInt(SIZE - side + 1);
    float[] tint = {0.55f + 0.45f * random.nextFloat(), 0.55f + 0.45f * random.nextFloat(),
        0.55f + 0.45f * random.nextFloat()};
    boolean[] silhouette = silhouette(garment);
    if (background == Background.GRADIENT_SHADOW) {
      shadow(rgb, silhouette, left + scale * 2, top + scale * 2, scale);
    }
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float gx = (x + 0.5f) / scale - 0.5f;
        float gy = (y + 0.5f) / scale - 0.5f;
        int sx = Math.round(gx);
        int sy = Math.round(gy);
        if (sx < 0 || sy < 0 || sx > 27 || sy > 27 || !silhouette[sy * 28 + sx]) {
          continue;
        }
        float v = bilinear(garment, gx, gy);
        float shade = 255 - v; // the product as photographed: Fashion-MNIST negated it
        int p = (top + y) * SIZE + left + x;
        for (int c = 0; c < 3; c++) {
          rgb[c][p] = shade * tint[c];
        }
      }
    }
    return jpeg(rgb, 0.85f);
  }

  /** A picture that shows no garment. */
  static byte[] outOfDistribution(Odd kind, Random random) {
    float[][] rgb = new float[3][SIZE * SIZE];
    float[] base = {random.nextFloat() * 255, random.nextFloat() * 255, random.nextFloat() * 255};
    double period = 6 + random.nextInt(30);
    double angle = random.nextDouble() * Math.PI;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int p = y * SIZE + x;
        for (int c = 0; c < 3; c++) {
          rgb[c][p] = switch (kind) {
            case NOISE -> random.nextFloat() * 255;
            case STRIPES -> (float) (127.5 + 127.5 * Math.sin(2 * Math.PI
                * (x * Math.cos(angle) + y * Math.sin(angle)) / period));
            case BLANK -> clamp(base[c] + (float) random.nextGaussian() * 3);
            case STROKES -> 245;
          };
        }
      }
    }
    if (kind == Odd.STROKES) {
      // a digit-like figure: an arc and a slanted bar in dark ink
      int cx = 80 + random.nextInt(96);
      int cy = 80 + random.nextInt(96);
      int radius = 30 + random.nextInt(30);
      for (double t = 0; t < Math.PI * (1 + random.nextDouble()); t += 0.01) {
        dot(rgb, (int) (cx + radius * Math.cos(t)), (int) (cy - radius * Math.sin(t)), 9);
      }
      for (double t = 0; t < 1; t += 0.005) {
        dot(rgb, (int) (cx - radius + t * 2 * radius), (int) (cy + t * radius * 1.5), 9);
      }
    }
    return jpeg(rgb, 0.85f);
  }

  private static void dot(float[][] rgb, int x, int y, int r) {
    for (int dy = -r; dy <= r; dy++) {
      for (int dx = -r; dx <= r; dx++) {
        int px = x + dx;
        int py = y + dy;
        if (dx * dx + dy * dy <= r * r && px >= 0 && py >= 0 && px < SIZE && py < SIZE) {
          for (int c = 0; c < 3; c++) {
            rgb[c][py * SIZE + px] = 20;
          }
        }
      }
    }
  }

  private static float[][] background(Background kind, Random random) {
    float[][] rgb = new float[3][SIZE * SIZE];
    float[] color = switch (kind) {
      case PLAIN_WHITE -> new float[] {250, 250, 250};
      case STUDIO_GREY -> new float[] {215, 215, 218};
      case WOOD -> new float[] {150 + 40 * random.nextFloat(), 100 + 30 * random.nextFloat(), 55};
      case CARPET, FABRIC -> new float[] {60 + 150 * random.nextFloat(),
          60 + 150 * random.nextFloat(), 60 + 150 * random.nextFloat()};
      case GRADIENT_SHADOW -> new float[] {235, 230, 220};
    };
    double phase = random.nextDouble() * 10;
    float[] noise = blurredNoise(random, kind == Background.CARPET ? 1 : 3);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int p = y * SIZE + x;
        float factor = switch (kind) {
          case PLAIN_WHITE -> 1;
          case STUDIO_GREY -> 1 - 0.12f * y / SIZE;
          case WOOD -> (float) (0.85 + 0.12 * Math.sin(x * 0.09 + 6 * Math.sin(y * 0.013 + phase))
              + 0.05 * noise[p]);
          case CARPET -> 0.8f + 0.35f * noise[p];
          case FABRIC -> (float) (0.85 + 0.1 * Math.signum(Math.sin(x * 0.8) * Math.sin(y * 0.8))
              + 0.05 * noise[p]);
          case GRADIENT_SHADOW -> 1 - 0.25f * (x + y) / (2f * SIZE);
        };
        for (int c = 0; c < 3; c++) {
          rgb[c][p] = clamp(color[c] * factor);
        }
      }
    }
    return rgb;
  }

  /** Noise in [-1, 1] smoothed over a window of {@code radius}. */
  private static float[] blurredNoise(Random random, int radius) {
    float[] raw = new float[SIZE * SIZE];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = random.nextFloat() * 2 - 1;
    }
    float[] out = new float[raw.length];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        float sum = 0;
        int n = 0;
        for (int dy = -radius; dy <= radius; dy++) {
          for (int dx = -radius; dx <= radius; dx++) {
            int px = x + dx;
            int py = y + dy;
            if (px >= 0 && py >= 0 && px < SIZE && py < SIZE) {
              sum += raw[py * SIZE + px];
              n++;
            }
          }
        }
        out[y * SIZE + x] = sum / n * (float) Math.sqrt(n);
      }
    }
    return out;
  }

  /** A soft darker copy of the silhouette, offset: the garment's shadow on the floor. */
  private static void shadow(float[][] rgb, boolean[] silhouette, int left, int top, int scale) {
    for (int y = 0; y < 28 * scale; y++) {
      for (int x = 0; x < 28 * scale; x++) {
        int px = left + x;
        int py = top + y;
        if (px < SIZE && py < SIZE && silhouette[(y / scale) * 28 + x / scale]) {
          for (int c = 0; c < 3; c++) {
            rgb[c][py * SIZE + px] *= 0.7f;
          }
        }
      }
    }
  }

  /** The garment's outline filled: pixels above 8, and what they enclose. */
  private static boolean[] silhouette(GrayImage garment) {
    boolean[] inside = new boolean[784];
    for (int i = 0; i < 784; i++) {
      inside[i] = garment.pixel(i % 28, i / 28) > 8;
    }
    boolean[] outside = new boolean[784];
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    for (int i = 0; i < 784; i++) {
      int x = i % 28;
      int y = i / 28;
      if ((x == 0 || y == 0 || x == 27 || y == 27) && !inside[i]) {
        outside[i] = true;
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      int p = queue.poll();
      int x = p % 28;
      int y = p / 28;
      for (int q : new int[] {x > 0 ? p - 1 : -1, x < 27 ? p + 1 : -1, y > 0 ? p - 28 : -1,
          y < 27 ? p + 28 : -1}) {
        if (q >= 0 && !inside[q] && !outside[q]) {
          outside[q] = true;
          queue.add(q);
        }
      }
    }
    boolean[] out = new boolean[784];
    for (int i = 0; i < 784; i++) {
      out[i] = !outside[i];
    }
    return out;
  }

  private static float bilinear(GrayImage image, float x, float y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = x - x0;
    float fy = y - y0;
    float a = pixel(image, x0, y0) * (1 - fx) + pixel(image, x0 + 1, y0) * fx;
    float b = pixel(image, x0, y0 + 1) * (1 - fx) + pixel(image, x0 + 1, y0 + 1) * fx;
    return a * (1 - fy) + b * fy;
  }

  private static int pixel(GrayImage image, int x, int y) {
    return image.pixel(Math.max(0, Math.min(27, x)), Math.max(0, Math.min(27, y)));
  }

  private static float clamp(float v) {
    return Math.max(0, Math.min(255, v));
  }

  private static byte[] jpeg(float[][] rgb, float quality) {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    for (int p = 0; p < SIZE * SIZE; p++) {
      int r = Math.round(clamp(rgb[0][p]));
      int g = Math.round(clamp(rgb[1][p]));
      int b = Math.round(clamp(rgb[2][p]));
      image.setRGB(p % SIZE, p / SIZE, (r << 16) | (g << 8) | b);
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
