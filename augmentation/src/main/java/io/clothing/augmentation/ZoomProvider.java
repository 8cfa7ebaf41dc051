package io.clothing.augmentation;

/**
 * {@code zoom}: Keras' zoom; {@code range} z draws the row and column factors independently from
 * [1 - z, 1 + z] (z below 1), or give {@code [low, high]}. A factor above 1 shows a wider area, so
 * the garment shrinks. Also {@code fill_mode}, {@code cval}.
 */
public final class ZoomProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public ZoomProvider() {
    super("zoom", p -> {
      p.requireOnly("range", "fill_mode", "cval");
      double[] zoom = zoom(p, "range");
      return new KerasAffine(0, ShiftRange.NONE, ShiftRange.NONE, 0, zoom[0], zoom[1], false, false, fill(p), cval(p));
    });
  }
}
