package io.clothing.preprocessing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Separates a garment from its background in a colour photo: the background is modelled from the
 * image's border (its median colour and how far border colours spread from it, after a blur that
 * averages texture such as carpet or wood grain away), grown inwards from the border by flood fill
 * through pixels close to that model, and everything it does not reach is foreground; the largest
 * connected foreground region, with its holes filled, is the garment.
 *
 * <p>Stateless; each call works on its own arrays.
 */
final class Foreground {
  /** Colour distance (0-255 per channel, Euclidean) within which a pixel joins the background. */
  static final double MIN_TOLERANCE = 32;
  /** The largest tolerance, so that a garment with colours near a busy background survives. */
  static final double MAX_TOLERANCE = 110;
  /** Smallest garment, as a share of the image, below which no foreground is found. */
  static final double MIN_AREA = 0.005;

  private Foreground() {}

  /**
   * What was found.
   *
   * @param mask the garment's pixels, row-major
   * @param found whether a garment region was found (else {@code mask} is empty)
   * @param backgroundLuma the mean luma (0-255) of the image's border
   */
  record Result(boolean[] mask, boolean found, double backgroundLuma) {}

  /**
   * Finds the garment in an image of {@code w x h} pixels given as red, green and blue planes
   * (0-255) and their luma.
   */
  static Result find(float[] red, float[] green, float[] blue, float[] luma, int w, int h) {
    int radius = Math.max(1, Math.round(Math.max(w, h) / 40f));
    float[][] blurred = {boxBlur(red, w, h, radius), boxBlur(green, w, h, radius),
        boxBlur(blue, w, h, radius)};
    int ring = Math.max(1, Math.round(Math.min(w, h) * 0.02f));
    int[] border = borderPixels(w, h, ring);
    float[] median = new float[3];
    for (int c = 0; c < 3; c++) {
      float[] samples = new float[border.length];
      for (int i = 0; i < border.length; i++) {
        samples[i] = blurred[c][border[i]];
      }
      median[c] = percentile(samples, 0.5);
    }
    float[] spread = new float[border.length];
    for (int i = 0; i < border.length; i++) {
      spread[i] = (float) distance(blurred, border[i], median);
    }
    double tolerance = Math.max(MIN_TOLERANCE,
        Math.min(MAX_TOLERANCE, 1.2 * percentile(spread, 0.9) + 8));

    boolean[] background = new boolean[w * h];
    List<Integer> seeds = new ArrayList<>();
    for (int p : border) {
      if (distance(blurred, p, median) <= tolerance) {
        seeds.add(p);
      }
    }
    grow(background, seeds, w, h, q -> distance(blurred, q, median) <= tolerance);

    // the blur leaves a halo of mixed colours around the garment: peel it with the pixels' own
    // colours, growing the background into its neighbours that match it unblurred
    float[][] sharp = {red, green, blue};
    seeds.clear();
    for (int p = 0; p < background.length; p++) {
      if (background[p]) {
        seeds.add(p);
      }
    }
    grow(background, seeds, w, h, q -> distance(sharp, q, median) <= tolerance);

    boolean[] garment = largestComponent(background, w, h);
    int area = 0;
    for (boolean g : garment) {
      area += g ? 1 : 0;
    }
    double backgroundLuma = 0;
    for (int p : border) {
      backgroundLuma += luma[p];
    }
    backgroundLuma /= border.length;
    if (area < MIN_AREA * w * h) {
      return new Result(new boolean[w * h], false, backgroundLuma);
    }
    fillHoles(garment, w, h);
    // one pixel of the edge goes too: what is left of the halo (JPEG ringing, say) lies there;
    // a region too thin to survive that is kept whole
    boolean[] inner = eroded(garment, w, h);
    for (boolean g : inner) {
      if (g) {
        return new Result(inner, true, backgroundLuma);
      }
    }
    return new Result(garment, true, backgroundLuma);
  }

  private static double distance(float[][] rgb, int p, float[] color) {
    double dr = rgb[0][p] - color[0];
    double dg = rgb[1][p] - color[1];
    double db = rgb[2][p] - color[2];
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }

  /** The pixels at most {@code ring - 1} from the image's edge. */
  private static int[] borderPixels(int w, int h, int ring) {
    int[] out = new int[w * h];
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (x < ring || y < ring || x >= w - ring || y >= h - ring) {
          out[n++] = y * w + x;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static float percentile(float[] values, double q) {
    float[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  /** The mean over a (2r+1)^2 window, clipped at the edges (two passes of running sums). */
  static float[] boxBlur(float[] v, int w, int h, int r) {
    float[] rows = new float[v.length];
    for (int y = 0; y < h; y++) {
      double sum = 0;
      int count = 0;
      for (int x = 0; x < Math.min(w, r); x++) {
        sum += v[y * w + x];
        count++;
      }
      for (int x = 0; x < w; x++) {
        if (x + r < w) {
          sum += v[y * w + x + r];
          count++;
        }
        if (x - r - 1 >= 0) {
          sum -= v[y * w + x - r - 1];
          count--;
        }
        rows[y * w + x] = (float) (sum / count);
      }
    }
    float[] out = new float[v.length];
    for (int x = 0; x < w; x++) {
      double sum = 0;
      int count = 0;
      for (int y = 0; y < Math.min(h, r); y++) {
        sum += rows[y * w + x];
        count++;
      }
      for (int y = 0; y < h; y++) {
        if (y + r < h) {
          sum += rows[(y + r) * w + x];
          count++;
        }
        if (y - r - 1 >= 0) {
          sum -= rows[(y - r - 1) * w + x];
          count--;
        }
        out[y * w + x] = (float) (sum / count);
      }
    }
    return out;
  }

  /** The largest 8-connected region of pixels not in {@code background}. */
  private static boolean[] largestComponent(boolean[] background, int w, int h) {
    int[] label = new int[w * h];
    int best = 0;
    int bestSize = 0;
    int next = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < label.length; start++) {
      if (background[start] || label[start] != 0) {
        continue;
      }
      next++;
      int size = 0;
      label[start] = next;
      queue.add(start);
      while (!queue.isEmpty()) {
        int p = queue.poll();
        size++;
        int x = p % w;
        int y = p / w;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
              continue;
            }
            int q = ny * w + nx;
            if (!background[q] && label[q] == 0) {
              label[q] = next;
              queue.add(q);
            }
          }
        }
      }
      if (size > bestSize) {
        bestSize = size;
        best = next;
      }
    }
    boolean[] out = new boolean[w * h];
    for (int i = 0; i < out.length; i++) {
      out[i] = best != 0 && label[i] == best;
    }
    return out;
  }

  /** {@code region} without its pixels that have a 4-neighbour outside it (or the image). */
  private static boolean[] eroded(boolean[] region, int w, int h) {
    boolean[] out = new boolean[region.length];
    for (int p = 0; p < region.length; p++) {
      int x = p % w;
      int y = p / w;
      out[p] = region[p] && x > 0 && x < w - 1 && y > 0 && y < h - 1 && region[p - 1]
          && region[p + 1] && region[p - w] && region[p + w];
    }
    return out;
  }

  /** Adds to {@code region} every pixel that the outside cannot reach around it. */
  private static void fillHoles(boolean[] region, int w, int h) {
    boolean[] outside = new boolean[w * h];
    List<Integer> seeds = new ArrayList<>();
    for (int p : borderPixels(w, h, 1)) {
      if (!region[p]) {
        seeds.add(p);
      }
    }
    grow(outside, seeds, w, h, q -> !region[q]);
    for (int i = 0; i < region.length; i++) {
      region[i] |= !outside[i];
    }
  }

  /**
   * Flood fill: marks the {@code seeds} in {@code reached} (some may be marked already), then
   * grows from them into every 4-neighbour not yet reached that {@code joins}, until none is left.
   */
  private static void grow(boolean[] reached, List<Integer> seeds, int w, int h,
      IntPredicate joins) {
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int p : seeds) {
      reached[p] = true;
      queue.add(p);
    }
    while (!queue.isEmpty()) {
      int p = queue.poll();
      int x = p % w;
      int y = p / w;
      for (int q : new int[] {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1,
          y > 0 ? p - w : -1, y < h - 1 ? p + w : -1}) {
        if (q >= 0 && !reached[q] && joins.test(q)) {
          reached[q] = true;
          queue.add(q);
        }
      }
    }
  }
}
