package io.clothing.preprocessing;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in the first image directory of its APP1 segment),
 * which phones write instead of rotating the pixels, and the turn that shows the picture upright.
 * Anything malformed, missing or out of bounds counts as orientation 1 (as stored): the tag only
 * ever turns a picture, so a hostile file can do no more than that.
 *
 * <p>Stateless and thread-safe.
 */
final class ExifOrientation {
  /** How far into the file the EXIF segment is looked for. */
  static final int HEADER_BYTES = 128 * 1024;

  private ExifOrientation() {}

  /** The orientation, 1 to 8, of the JPEG whose first bytes are {@code head}. */
  static int of(byte[] head, int length) {
    try {
      if (length < 4 || u8(head, 0) != 0xFF || u8(head, 1) != 0xD8) {
        return 1;
      }
      int at = 2;
      while (at + 4 <= length && u8(head, at) == 0xFF) {
        int marker = u8(head, at + 1);
        int size = u16(head, at + 2, false);
        if (marker == 0xDA || marker == 0xD9 || size < 2) {
          return 1; // image data begins: no EXIF before it
        }
        if (marker == 0xE1 && at + 4 + size - 2 <= length) {
          int orientation = fromApp1(head, at + 4, size - 2);
          if (orientation != 0) {
            return orientation;
          }
        }
        at += 2 + size;
      }
      return 1;
    } catch (IndexOutOfBoundsException e) {
      return 1;
    }
  }

  /** The orientation in an APP1 segment's body, or 0 if it holds none. */
  private static int fromApp1(byte[] b, int start, int size) {
    if (size < 14 || b[start] != 'E' || b[start + 1] != 'x' || b[start + 2] != 'i'
        || b[start + 3] != 'f' || b[start + 4] != 0 || b[start + 5] != 0) {
      return 0;
    }
    int tiff = start + 6;
    int end = start + size;
    boolean little;
    if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
      little = true;
    } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
      little = false;
    } else {
      return 0;
    }
    long ifd = u32(b, tiff + 4, little);
    if (ifd < 8 || tiff + ifd + 2 > end) {
      return 0;
    }
    int entries = u16(b, (int) (tiff + ifd), little);
    for (int i = 0; i < entries; i++) {
      int entry = (int) (tiff + ifd + 2 + 12L * i);
      if (entry + 12 > end) {
        return 0;
      }
      if (u16(b, entry, little) == 0x0112 && u16(b, entry + 2, little) == 3) {
        int value = u16(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : 0;
      }
    }
    return 0;
  }

  /** {@code image} turned (and mirrored, for 2, 4, 5, 7) as {@code orientation} says. */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swaps = orientation >= 5;
    BufferedImage out = new BufferedImage(swaps ? h : w, swaps ? w : h,
        BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = image.getRGB(x, y);
        switch (orientation) {
          case 2 -> out.setRGB(w - 1 - x, y, argb);
          case 3 -> out.setRGB(w - 1 - x, h - 1 - y, argb);
          case 4 -> out.setRGB(x, h - 1 - y, argb);
          case 5 -> out.setRGB(y, x, argb);
          case 6 -> out.setRGB(h - 1 - y, x, argb);
          case 7 -> out.setRGB(h - 1 - y, w - 1 - x, argb);
          default -> out.setRGB(y, w - 1 - x, argb); // 8
        }
      }
    }
    return out;
  }

  private static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  private static int u16(byte[] b, int i, boolean little) {
    return little ? u8(b, i) | u8(b, i + 1) << 8 : u8(b, i) << 8 | u8(b, i + 1);
  }

  private static long u32(byte[] b, int i, boolean little) {
    return little
        ? (u8(b, i) | u8(b, i + 1) << 8 | u8(b, i + 2) << 16 | (long) u8(b, i + 3) << 24)
        : ((long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3));
  }
}
