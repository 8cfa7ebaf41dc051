package io.clothing.reporting;

import io.clothing.api.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws grayscale images in a grid, each upscaled pixel-exact (every source pixel becomes a
 * {@code scale x scale} square, gray colormap: 0 black, 255 white) under a one- or two-line
 * title, like matplotlib's {@code imshow(cmap='gray')} in {@code plt.subplots}. A tile can be
 * framed in a colour (red marks a mistake).
 *
 * <p>Stateless and thread-safe.
 */
public final class ImageGrid {
  /** Pixels between tiles and around the grid. */
  public static final int MARGIN = 12;
  /** Height of the title area above each image. */
  public static final int TITLE_HEIGHT = 34;

  private ImageGrid() {}

  /** One tile: an image, its title lines, and an optional frame colour (null for none). */
  public record Tile(GrayImage image, List<String> title, Color titleColor, Color frame) {}

  /** Where tile {@code index}'s image starts, for a grid of {@code columns} at {@code scale}. */
  public static int[] imageOrigin(int index, int columns, int scale) {
    int side = GrayImage.SIDE * scale;
    int col = index % columns;
    int row = index / columns;
    return new int[] {MARGIN + col * (side + MARGIN),
        MARGIN + row * (side + TITLE_HEIGHT + MARGIN) + TITLE_HEIGHT};
  }

  /** Renders the tiles, {@code columns} to a row, each image {@code scale} times its size. */
  public static BufferedImage render(List<Tile> tiles, int columns, int scale) {
    int side = GrayImage.SIDE * scale;
    int rows = (tiles.size() + columns - 1) / columns;
    int width = MARGIN + columns * (side + MARGIN);
    int height = MARGIN + rows * (side + TITLE_HEIGHT + MARGIN);
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
      g.setFont(font);
      FontMetrics metrics = g.getFontMetrics();
      for (int i = 0; i < tiles.size(); i++) {
        Tile tile = tiles.get(i);
        int[] origin = imageOrigin(i, columns, scale);
        drawImage(out, tile.image(), origin[0], origin[1], scale);
        if (tile.frame() != null) {
          g.setColor(tile.frame());
          g.fillRect(origin[0] - 3, origin[1] - 3, side + 6, 3);
          g.fillRect(origin[0] - 3, origin[1] + side, side + 6, 3);
          g.fillRect(origin[0] - 3, origin[1], 3, side);
          g.fillRect(origin[0] + side, origin[1], 3, side);
        }
        g.setColor(tile.titleColor() == null ? Color.BLACK : tile.titleColor());
        int line = 0;
        for (String text : tile.title()) {
          String fitted = fit(text, metrics, side + MARGIN - 2);
          int x = origin[0] + (side - metrics.stringWidth(fitted)) / 2;
          int y = origin[1] - TITLE_HEIGHT + 4 + metrics.getAscent() + line * 14
              + (tile.title().size() == 1 ? 8 : 0);
          g.drawString(fitted, x, y);
          line++;
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static String fit(String text, FontMetrics metrics, int width) {
    String s = text;
    while (s.length() > 1 && metrics.stringWidth(s) > width) {
      s = s.substring(0, s.length() - 2) + "…";
    }
    return s;
  }

  /** Paints {@code image} with every pixel a {@code scale}-wide square of its gray value. */
  static void drawImage(BufferedImage target, GrayImage image, int left, int top, int scale) {
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int v = image.pixel(x, y);
        int rgb = v << 16 | v << 8 | v;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            target.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
          }
        }
      }
    }
  }
}
