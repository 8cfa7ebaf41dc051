package io.clothing.spark;

import io.clothing.api.ClothingException;
import io.clothing.api.DataFormatException;
import io.clothing.api.GrayImage;
import io.clothing.preprocessing.ImageImporter;
import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * The kinds of input column {@link ClothingClassifier} reads, and how one value becomes a
 * {@link GrayImage}: the bytes of an image file (Spark's {@code binaryFile} source), the struct
 * of Spark's {@code image} source, or 784 pixel values 0-255 (an array of numbers or an ML
 * vector, such as a {@code VectorAssembler} over a Kaggle CSV's {@code pixel1..pixel784}).
 */
enum ImageInput implements Serializable {
  /** An encoded PNG, JPEG, WebP, TIFF, BMP or GIF file. */
  FILE_BYTES,
  /** Spark's image struct: origin, height, width, nChannels, mode, data (BGR(A) bytes). */
  IMAGE_STRUCT,
  /** An array of 784 numbers. */
  PIXEL_ARRAY,
  /** An ML vector of 784 numbers. */
  PIXEL_VECTOR;

  /** The largest image a file or struct may declare, in pixels. */
  static final long MAX_PIXELS = ImageImporter.DEFAULT_MAX_PIXELS;

  /**
   * The kind of a column of type {@code type}, or null if it is none of them.
   */
  static ImageInput of(DataType type) {
    if (type instanceof BinaryType) {
      return FILE_BYTES;
    }
    if (type instanceof StructType struct
        && List.of(struct.fieldNames()).containsAll(List.of("height", "width", "nChannels",
            "data"))) {
      return IMAGE_STRUCT;
    }
    if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
      return PIXEL_ARRAY;
    }
    if (type.sameType(SQLDataTypes.VectorType())) {
      return PIXEL_VECTOR;
    }
    return null;
  }

  /** Describes the supported column types, for messages. */
  static String supported() {
    return "binary (image file bytes, as the binaryFile source gives), Spark's image struct, "
        + "an array of 784 numbers, or an ML vector of 784 numbers";
  }

  /**
   * The image in {@code value}.
   *
   * @param source where the value came from, for messages
   * @throws ClothingException naming {@code source} and the problem, if it is not a usable image
   */
  GrayImage decode(Object value, String source) {
    if (value == null) {
      throw new DataFormatException(source, "", "no image (the input column is null)");
    }
    return switch (this) {
      case FILE_BYTES -> ImageImporter.read((byte[]) value, source, MAX_PIXELS);
      case IMAGE_STRUCT -> fromStruct((Row) value, source);
      case PIXEL_ARRAY -> fromPixels(numbers((scala.collection.Seq<?>) value), source);
      case PIXEL_VECTOR -> fromPixels(((Vector) value).toArray(), source);
    };
  }

  private static double[] numbers(scala.collection.Seq<?> seq) {
    double[] out = new double[seq.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = seq.apply(i);
      out[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
    }
    return out;
  }

  private static GrayImage fromPixels(double[] values, String source) {
    if (values.length != GrayImage.PIXELS) {
      throw new DataFormatException(source, "", "expected " + GrayImage.PIXELS
          + " pixel values (28x28), got " + values.length);
    }
    byte[] pixels = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v >= 0 && v <= 255) || v != Math.rint(v)) {
        throw new DataFormatException(source, "pixel " + i,
            "expected a whole number from 0 to 255, got " + v);
      }
      pixels[i] = (byte) v;
    }
    return GrayImage.of(pixels);
  }

  /** Spark's image struct: 8-bit unsigned samples, channels in B, G, R(, A) order, row-major. */
  private static GrayImage fromStruct(Row struct, String source) {
    int height = struct.getInt(struct.fieldIndex("height"));
    int width = struct.getInt(struct.fieldIndex("width"));
    int channels = struct.getInt(struct.fieldIndex("nChannels"));
    byte[] data = (byte[]) struct.get(struct.fieldIndex("data"));
    if (height < 1 || width < 1 || (long) height * width > MAX_PIXELS
        || (channels != 1 && channels != 3 && channels != 4) || data == null
        || data.length != (long) height * width * channels) {
      throw new DataFormatException(source, "", "not a usable image struct: " + width + "x"
          + height + " with " + channels + " channels and "
          + (data == null ? "no" : String.valueOf(data.length)) + " bytes of data");
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0, i = 0; y < height; y++) {
      for (int x = 0; x < width; x++, i += channels) {
        int b = data[i] & 0xFF;
        int g = channels == 1 ? b : data[i + 1] & 0xFF;
        int r = channels == 1 ? b : data[i + 2] & 0xFF;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return ImageImporter.fromImage(image);
  }
}
