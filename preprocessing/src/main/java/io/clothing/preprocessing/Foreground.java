package io.clothing.preprocessing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Separates a garment from its background in a colour photo, in five steps:
 * <ol>
 *   <li><b>Background model.</b> After a box blur (radius: a fortieth of the longer side) that
 *       averages texture such as carpet, wood grain or weave away, a plane per colour channel
 *       ({@code a + b x + c y}: a flat colour, a studio sweep or light falling off) is fitted by
 *       least squares to the border's colours, and fitted again without the border pixels far
 *       from the first fit (a garment cut off by the frame). The tolerance for joining the
 *       background is 1.2 times the 90th percentile of the remaining pixels' distance from the
 *       plane, plus 8, at most {@link #MAX_TOLERANCE} and at least {@link #MIN_TOLERANCE}
 *       ({@link #MIN_TOLERANCE_BUSY} where the border is busy). The border's texture (how much
 *       luma varies between neighbours) is modelled too.
 *   <li><b>Flood fill.</b> The background grows inwards from the border through blurred pixels
 *       within the tolerance of the plane and about as busy as the border (so a smooth garment
 *       the colour of a carpet stands out), then, as deep as the blur reached, through pixels
 *       whose own (unblurred) colour is within the tolerance, peeling off the halo of mixed
 *       colours that the blur left.
 *   <li><b>Colour refinement</b> (after GrabCut's idea of colour models for both sides): k-means
 *       colour clusters are learnt from the garment's core and from the background away from the
 *       edge; the garment takes back neighbouring pixels nearer one of its clusters (a stripe of
 *       the shirt that the flood took because it resembles the carpet), and gives up pixels of
 *       its outer band nearer a background cluster (the rim of carpet the blur left).
 *   <li><b>Cast shadow</b> (smooth backgrounds): a region along the garment's edge, at most
 *       {@value #SHADOW_DEPTH} blur radii deep, whose colour is the background model's darkened
 *       by one factor in every channel is the garment's shadow on the floor and goes back to the
 *       background, unless it is much of the garment or taking it cuts the garment in pieces (a
 *       grey garment on white).
 *   <li><b>Region.</b> The largest connected region that is not background, its holes filled and
 *       its outermost pixel ring dropped (JPEG ringing lies there), is the garment.
 * </ol>
 *
 * <p>Stateless; each call works on its own arrays.
 */
final class Foreground {
  /**
   * Colour distance (0-255 per channel, Euclidean) within which a pixel always joins a smooth
   * background: soft shadows and shading on a plain backdrop stay background.
   */
  static final double MIN_TOLERANCE = 32;
  /**
   * The same for a busy background (carpet, weave), where the blur leaves its colour steady and
   * the texture test tells the garment apart, so that a garment close to its colour survives.
   */
  static final double MIN_TOLERANCE_BUSY = 20;
  /** Border texture (luma standard deviation, 0-255) from which a background counts as busy. */
  static final double BUSY_TEXTURE = 4;
  /** The largest tolerance, so that a garment with colours near a busy background survives. */
  static final double MAX_TOLERANCE = 110;
  /** Texture difference (luma standard deviation, 0-255) always tolerated in the background. */
  static final double MIN_TEXTURE_TOLERANCE = 4;
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
    Texture texture = Texture.of(luma, border, w, h, radius);
    boolean busy = texture.median() >= BUSY_TEXTURE;
    BackgroundModel model = BackgroundModel.fit(blurred, border, w,
        busy ? MIN_TOLERANCE_BUSY : MIN_TOLERANCE);
    double tolerance = model.tolerance();

    boolean[] background = new boolean[w * h];
    List<Integer> seeds = new ArrayList<>();
    for (int p : border) {
      if (model.distance(blurred, p) <= tolerance && texture.matches(p)) {
        seeds.add(p);
      }
    }
    grow(background, seeds, w, h,
        q -> model.distance(blurred, q) <= tolerance && texture.matches(q));

    // the blur leaves a halo of mixed colours around the garment, as deep as its radius: peel it
    // with the pixels' own colours, growing the background into its neighbours there that match
    // it unblurred
    float[][] sharp = {red, green, blue};
    boolean[] deep = eroded(inverse(background), w, h, radius + 1);
    grow(background, pixelsOf(background), w, h,
        q -> !deep[q] && model.distance(sharp, q) <= tolerance);

    boolean[] garment = largestComponent(background, w, h);
    // lightly blurred colours: JPEG noise averaged, edges kept
    float[][] light = {boxBlur(red, w, h, 1), boxBlur(green, w, h, 1), boxBlur(blue, w, h, 1)};
    refineEdge(garment, background, light, w, h, radius);
    if (!busy) {
      peelCastShadow(garment, light, model, w, h, radius);
    }
    garment = largestComponent(inverse(garment), w, h);
    int area = count(garment);
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

  /**
   * How busy the picture is around each pixel: the standard deviation of luma over its 3x3
   * neighbourhood, averaged over the blur's window. Carpet, weave and grain are busy, a garment
   * photographed in one piece is smooth, so a garment the colour of the carpet still stands out.
   * The background's texture is the border's median, its tolerance 1.5 times the 90th
   * percentile of the border's spread from it, plus {@link #MIN_TEXTURE_TOLERANCE}.
   */
  private record Texture(float[] busy, float median, double tolerance) {

    static Texture of(float[] luma, int[] border, int w, int h, int radius) {
      float[] mean = boxBlur(luma, w, h, 1);
      float[] squares = new float[luma.length];
      for (int i = 0; i < luma.length; i++) {
        squares[i] = luma[i] * luma[i];
      }
      float[] meanSquares = boxBlur(squares, w, h, 1);
      float[] deviation = new float[luma.length];
      for (int i = 0; i < luma.length; i++) {
        deviation[i] = (float) Math.sqrt(Math.max(0, meanSquares[i] - mean[i] * mean[i]));
      }
      float[] busy = boxBlur(deviation, w, h, radius);
      float[] samples = new float[border.length];
      for (int i = 0; i < border.length; i++) {
        samples[i] = busy[border[i]];
      }
      float median = percentile(samples, 0.5);
      for (int i = 0; i < border.length; i++) {
        samples[i] = Math.abs(samples[i] - median);
      }
      return new Texture(busy, median, 1.5 * percentile(samples, 0.9) + MIN_TEXTURE_TOLERANCE);
    }

    /** Whether pixel {@code p} is about as busy as the background. */
    boolean matches(int p) {
      return Math.abs(busy[p] - median) <= tolerance;
    }
  }

  /**
   * The background's colour as a plane over the image, per channel ({@code a + b x + c y}, so a
   * studio sweep, a gradient or uneven light is modelled as well as a flat colour), fitted by
   * least squares to the border's blurred colours, then once more to the border pixels that fit
   * the first plane (so that a garment touching the border does not pull it), and the tolerance
   * for joining the background: how far the fitting border pixels spread from the plane.
   */
  private record BackgroundModel(double[][] plane, int width, double tolerance) {

    static BackgroundModel fit(float[][] blurred, int[] border, int w, double minTolerance) {
      boolean[] use = new boolean[border.length];
      Arrays.fill(use, true);
      double[][] plane = fitPlane(blurred, border, use, w);
      float[] residual = residuals(blurred, border, plane, w);
      // border pixels far beyond the typical residual belong to something else: a garment that
      // reaches the edge, a logo, a stray object
      double outlier = 3 * percentile(residual, 0.5) + 8;
      for (int i = 0; i < border.length; i++) {
        use[i] = residual[i] <= outlier;
      }
      plane = fitPlane(blurred, border, use, w);
      residual = residuals(blurred, border, plane, w);
      float[] kept = new float[border.length];
      int n = 0;
      for (int i = 0; i < border.length; i++) {
        if (use[i]) {
          kept[n++] = residual[i];
        }
      }
      double spread = n == 0 ? 0 : percentile(Arrays.copyOf(kept, n), 0.9);
      double tolerance = Math.max(minTolerance, Math.min(MAX_TOLERANCE, 1.2 * spread + 8));
      return new BackgroundModel(plane, w, tolerance);
    }

    /** Colour distance (Euclidean over the three channels) of pixel {@code p} from the plane. */
    double distance(float[][] rgb, int p) {
      double x = p % width;
      double y = p / width;
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        double d = rgb[c][p] - (plane[c][0] + plane[c][1] * x + plane[c][2] * y);
        sum += d * d;
      }
      return Math.sqrt(sum);
    }

    /**
     * Whether pixel {@code p} looks like the background in shadow: each channel between
     * {@value #SHADOW_MIN} and {@value #SHADOW_MAX} of the plane's value, by about one factor.
     */
    boolean isShadow(float[][] rgb, int p) {
      double x = p % width;
      double y = p / width;
      double[] share = new double[3];
      double mean = 0;
      for (int c = 0; c < 3; c++) {
        double expected = plane[c][0] + plane[c][1] * x + plane[c][2] * y;
        if (expected < 24) {
          return false; // too dark a background for a shadow to show
        }
        share[c] = rgb[c][p] / expected;
        mean += share[c] / 3;
      }
      if (mean < SHADOW_MIN || mean > SHADOW_MAX) {
        return false;
      }
      for (double s : share) {
        if (Math.abs(s - mean) > SHADOW_HUE_TOLERANCE) {
          return false;
        }
      }
      return true;
    }

    private static float[] residuals(float[][] rgb, int[] border, double[][] plane, int w) {
      BackgroundModel model = new BackgroundModel(plane, w, 0);
      float[] out = new float[border.length];
      for (int i = 0; i < border.length; i++) {
        out[i] = (float) model.distance(rgb, border[i]);
      }
      return out;
    }

    /** Least-squares {a, b, c} per channel over the border pixels marked {@code use}. */
    private static double[][] fitPlane(float[][] rgb, int[] border, boolean[] use, int w) {
      double[][] normal = new double[3][3];
      double[][] right = new double[3][3];
      for (int i = 0; i < border.length; i++) {
        if (!use[i]) {
          continue;
        }
        double[] basis = {1, border[i] % w, border[i] / w};
        for (int r = 0; r < 3; r++) {
          for (int k = 0; k < 3; k++) {
            normal[r][k] += basis[r] * basis[k];
          }
          for (int c = 0; c < 3; c++) {
            right[c][r] += basis[r] * rgb[c][border[i]];
          }
        }
      }
      double[][] plane = new double[3][];
      for (int c = 0; c < 3; c++) {
        plane[c] = solve(normal, right[c]);
      }
      return plane;
    }

    /**
     * Solves the 3x3 system by Gaussian elimination with partial pivoting; where it is singular
     * (too few pixels to fit a slope) the flat mean of the samples is the answer.
     */
    private static double[] solve(double[][] a, double[] b) {
      double[][] m = new double[3][4];
      for (int r = 0; r < 3; r++) {
        System.arraycopy(a[r], 0, m[r], 0, 3);
        m[r][3] = b[r];
      }
      for (int col = 0; col < 3; col++) {
        int pivot = col;
        for (int r = col + 1; r < 3; r++) {
          if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
            pivot = r;
          }
        }
        if (Math.abs(m[pivot][col]) < 1e-9 * Math.max(1, Math.abs(a[0][0]))) {
          return new double[] {a[0][0] > 0 ? b[0] / a[0][0] : 0, 0, 0};
        }
        double[] t = m[col];
        m[col] = m[pivot];
        m[pivot] = t;
        for (int r = 0; r < 3; r++) {
          if (r != col) {
            double f = m[r][col] / m[col][col];
            for (int k = col; k < 4; k++) {
              m[r][k] -= f * m[col][k];
            }
          }
        }
      }
      return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }
  }

  private static boolean[] inverse(boolean[] region) {
    boolean[] out = new boolean[region.length];
    for (int i = 0; i < region.length; i++) {
      out[i] = !region[i];
    }
    return out;
  }

  /** Clusters per colour model. */
  private static final int CLUSTERS = 4;

  /**
   * Settles the garment's edge by colour, after GrabCut's colour models of both sides: k-means
   * clusters are learnt from the garment's core and from the background, each eroded by the blur
   * radius (away from the edge, where colours are mixed), on lightly blurred colours. The garment
   * takes back each neighbouring pixel nearer one of its clusters (a stripe of a shirt that the
   * flood took because it resembles the carpet), then gives up the pixels of its outer band (as
   * deep as the blur reached) nearer a background cluster (the rim of carpet the blur left).
   */
  private static void refineEdge(boolean[] garment, boolean[] background, float[][] light, int w,
      int h, int radius) {
    float[][] garmentColours = clusters(light, eroded(garment, w, h, radius));
    float[][] backgroundColours = clusters(light, eroded(background, w, h, radius));
    if (garmentColours.length == 0 || backgroundColours.length == 0) {
      return;
    }
    grow(garment, pixelsOf(garment), w, h,
        q -> nearest(light, q, garmentColours) < nearest(light, q, backgroundColours));
    boolean[] inner = eroded(garment, w, h, radius + 1);
    boolean[] outside = inverse(garment);
    grow(outside, pixelsOf(outside), w, h,
        q -> !inner[q] && nearest(light, q, backgroundColours) < nearest(light, q, garmentColours));
    for (int p = 0; p < garment.length; p++) {
      garment[p] = !outside[p];
    }
  }

  /** How deep into the garment, in blur radii, a cast shadow may reach. */
  static final int SHADOW_DEPTH = 3;
  /**
   * The most of a shadow-like region that may lie deeper than that (light parts of the garment
   * that touch the shadow), else the region is taken for the garment itself.
   */
  static final double SHADOW_DEEP_SHARE = 0.15;
  /**
   * The largest share of the garment a shadow may take; beyond it the shadow-like pixels are a
   * grey garment's own (a sandal's straps on white), not a shadow.
   */
  static final double SHADOW_MAX_SHARE = 0.3;
  /**
   * The most of the garment (beyond the shadow) that may fall off in pieces when the shadow goes
   * (stray pixels); more, and the peel is refused.
   */
  static final double SHADOW_SPLIT_LOSS = 0.03;
  /** The darkest a cast shadow may be, as a share of the background's colour. */
  static final double SHADOW_MIN = 0.5;
  /** The lightest a cast shadow may be (its soft edge), as a share of the background's colour. */
  static final double SHADOW_MAX = 0.92;
  /** How far each channel's share may stray from their mean in a cast shadow. */
  static final double SHADOW_HUE_TOLERANCE = 0.035;

  /**
   * Gives back to the background a cast shadow that the flood left joined to the garment: the
   * outer part (within {@value #SHADOW_DEPTH} blur radii of the edge) of each region that touches
   * the outside and whose colour is the background model's darkened by one factor in every
   * channel (a shadow keeps the background's hue). A grey garment on white matches the colour
   * test too; it stays because its matching region runs deep into the garment, or is more than
   * {@value #SHADOW_MAX_SHARE} of it, or because taking it would cut the garment in pieces.
   * Shadow-like pixels are tested on lightly blurred colours (JPEG noise).
   */
  private static void peelCastShadow(boolean[] garment, float[][] light, BackgroundModel model,
      int w, int h, int radius) {
    boolean[] shadowLike = new boolean[garment.length];
    boolean anyOnTheEdge = false;
    for (int p = 0; p < garment.length; p++) {
      shadowLike[p] = garment[p] && model.isShadow(light, p);
      anyOnTheEdge |= shadowLike[p] && touchesOutside(garment, p, w);
    }
    if (!anyOnTheEdge) {
      return;
    }
    boolean[] deep = eroded(garment, w, h, SHADOW_DEPTH * radius);
    IntPredicate isShadowLike = q -> shadowLike[q];
    boolean[] seen = new boolean[garment.length];
    int[] component = new int[garment.length];
    boolean[] peeled = new boolean[garment.length];
    int peeledArea = 0;
    for (int p = 0; p < garment.length; p++) {
      if (!shadowLike[p] || seen[p] || !touchesOutside(garment, p, w)) {
        continue;
      }
      // the 4-connected region of shadow-like pixels around p
      int size = 0;
      int deepPixels = 0;
      seen[p] = true;
      component[size++] = p;
      for (int head = 0; head < size; head++) {
        int q = component[head];
        deepPixels += deep[q] ? 1 : 0;
        size = visitNeighbours(seen, component, size, q, w, isShadowLike);
      }
      if (deepPixels <= SHADOW_DEEP_SHARE * size) {
        for (int i = 0; i < size; i++) {
          if (!deep[component[i]]) {
            peeled[component[i]] = true;
            peeledArea++;
          }
        }
      }
    }
    int area = count(garment);
    if (peeledArea == 0 || peeledArea > SHADOW_MAX_SHARE * area) {
      return;
    }
    boolean[] rest = garment.clone();
    for (int p = 0; p < garment.length; p++) {
      rest[p] &= !peeled[p];
    }
    // a peel that cuts the garment in pieces took a part of it, not a shadow
    if (count(largestComponent(inverse(rest), w, h))
        >= (1 - SHADOW_SPLIT_LOSS) * (area - peeledArea)) {
      System.arraycopy(rest, 0, garment, 0, garment.length);
    }
  }

  /** Whether garment pixel {@code p} has a 4-neighbour outside the garment or is on the edge. */
  private static boolean touchesOutside(boolean[] garment, int p, int w) {
    int x = p % w;
    return x == 0 || x == w - 1 || p < w || p + w >= garment.length || !garment[p - 1]
        || !garment[p + 1] || !garment[p - w] || !garment[p + w];
  }

  /** How many pixels {@code region} has. */
  private static int count(boolean[] region) {
    int n = 0;
    for (boolean in : region) {
      n += in ? 1 : 0;
    }
    return n;
  }

  /** The indices of the pixels in {@code region}. */
  private static List<Integer> pixelsOf(boolean[] region) {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < region.length; p++) {
      if (region[p]) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The squared colour distance from pixel {@code p} to the nearest of {@code centres} (squared:
   * it is only compared, once per pixel the flood tries).
   */
  private static double nearest(float[][] rgb, int p, float[][] centres) {
    double best = Double.MAX_VALUE;
    for (float[] c : centres) {
      double dr = rgb[0][p] - c[0];
      double dg = rgb[1][p] - c[1];
      double db = rgb[2][p] - c[2];
      best = Math.min(best, dr * dr + dg * dg + db * db);
    }
    return best;
  }


  /**
   * Up to {@link #CLUSTERS} k-means centres of the colours of the pixels in {@code region}
   * (at most 4,000 of them, evenly spaced), started from brightness quantiles so that the result
   * is deterministic; none if the region is empty.
   */
  private static float[][] clusters(float[][] rgb, boolean[] region) {
    int count = 0;
    for (boolean r : region) {
      count += r ? 1 : 0;
    }
    if (count == 0) {
      return new float[0][];
    }
    int step = Math.max(1, count / 4000);
    int n = (count + step - 1) / step;
    float[][] points = new float[n][];
    int k = 0;
    int seen = 0;
    for (int p = 0; p < region.length && k < n; p++) {
      if (region[p] && seen++ % step == 0) {
        points[k++] = new float[] {rgb[0][p], rgb[1][p], rgb[2][p]};
      }
    }
    points = Arrays.copyOf(points, k);
    Arrays.sort(points, (a, b) -> Float.compare(a[0] + a[1] + a[2], b[0] + b[1] + b[2]));
    int clusters = Math.min(CLUSTERS, points.length);
    float[][] centres = new float[clusters][];
    for (int c = 0; c < clusters; c++) {
      centres[c] = points[(int) ((c + 0.5) * points.length / clusters)].clone();
    }
    int[] assigned = new int[points.length];
    for (int iteration = 0; iteration < 6; iteration++) {
      double[][] sums = new double[clusters][4];
      for (int i = 0; i < points.length; i++) {
        double best = Double.MAX_VALUE;
        for (int c = 0; c < clusters; c++) {
          double d = 0;
          for (int ch = 0; ch < 3; ch++) {
            double diff = points[i][ch] - centres[c][ch];
            d += diff * diff;
          }
          if (d < best) {
            best = d;
            assigned[i] = c;
          }
        }
        for (int ch = 0; ch < 3; ch++) {
          sums[assigned[i]][ch] += points[i][ch];
        }
        sums[assigned[i]][3]++;
      }
      for (int c = 0; c < clusters; c++) {
        if (sums[c][3] > 0) {
          for (int ch = 0; ch < 3; ch++) {
            centres[c][ch] = (float) (sums[c][ch] / sums[c][3]);
          }
        }
      }
    }
    return centres;
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
    double[] perColumn = inverseWindowSizes(w, r);
    for (int y = 0; y < h; y++) {
      int row = y * w;
      double sum = 0;
      for (int x = 0; x < Math.min(w, r); x++) {
        sum += v[row + x];
      }
      for (int x = 0; x < w; x++) {
        if (x + r < w) {
          sum += v[row + x + r];
        }
        if (x - r - 1 >= 0) {
          sum -= v[row + x - r - 1];
        }
        rows[row + x] = (float) (sum * perColumn[x]);
      }
    }
    float[] out = new float[v.length];
    double[] perRow = inverseWindowSizes(h, r);
    double[] sums = new double[w];
    for (int y = 0; y < Math.min(h, r); y++) {
      for (int x = 0; x < w; x++) {
        sums[x] += rows[y * w + x];
      }
    }
    for (int y = 0; y < h; y++) {
      if (y + r < h) {
        int add = (y + r) * w;
        for (int x = 0; x < w; x++) {
          sums[x] += rows[add + x];
        }
      }
      if (y - r - 1 >= 0) {
        int drop = (y - r - 1) * w;
        for (int x = 0; x < w; x++) {
          sums[x] -= rows[drop + x];
        }
      }
      for (int x = 0; x < w; x++) {
        out[y * w + x] = (float) (sums[x] * perRow[y]);
      }
    }
    return out;
  }

  /** 1 / the number of positions {@code i - r .. i + r} inside {@code 0 .. n - 1}, per i. */
  private static double[] inverseWindowSizes(int n, int r) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = 1.0 / (Math.min(n - 1, i + r) - Math.max(0, i - r) + 1);
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

  /** {@code region} eroded {@code times} times (see {@link #eroded(boolean[], int, int)}). */
  private static boolean[] eroded(boolean[] region, int w, int h, int times) {
    boolean[] out = region;
    for (int i = 0; i < times; i++) {
      out = eroded(out, w, h);
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
   * Flood fill: marks the {@code seeds} (distinct pixels) in {@code reached} (some may be marked
   * already), then grows from them into every 4-neighbour not yet reached that {@code joins},
   * until none is left.
   */
  private static void grow(boolean[] reached, List<Integer> seeds, int w, int h,
      IntPredicate joins) {
    // each pixel enters the queue once: as a seed, or when it is first reached
    int[] queue = new int[reached.length];
    int head = 0;
    int tail = 0;
    for (int p : seeds) {
      reached[p] = true;
      queue[tail++] = p;
    }
    while (head < tail) {
      tail = visitNeighbours(reached, queue, tail, queue[head++], w, joins);
    }
  }

  /**
   * {@link #visit}s the 4-neighbours of {@code p} inside the image of width {@code w}; returns
   * the queue's new tail.
   */
  private static int visitNeighbours(boolean[] reached, int[] queue, int tail, int p, int w,
      IntPredicate joins) {
    int x = p % w;
    if (x > 0) {
      tail = visit(reached, queue, tail, p - 1, joins);
    }
    if (x < w - 1) {
      tail = visit(reached, queue, tail, p + 1, joins);
    }
    if (p >= w) {
      tail = visit(reached, queue, tail, p - w, joins);
    }
    if (p + w < reached.length) {
      tail = visit(reached, queue, tail, p + w, joins);
    }
    return tail;
  }

  private static int visit(boolean[] reached, int[] queue, int tail, int q, IntPredicate joins) {
    if (!reached[q] && joins.test(q)) {
      reached[q] = true;
      queue[tail++] = q;
    }
    return tail;
  }

}
