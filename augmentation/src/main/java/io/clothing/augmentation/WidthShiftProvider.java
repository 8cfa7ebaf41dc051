package io.clothing.augmentation;

/**
 * {@code width_shift}: Keras' {@code width_shift_range} on its own: a shift drawn as
 * {@link ShiftRange} describes (a fraction of the width below 1, a real number of pixels from 1,
 * whole pixels for a whole number). Since Keras 2.9 this draw moves the garment along the rows
 * (up and down), and this stage does the same so that a Keras recipe behaves as it did there.
 * Parameters {@code range},
 * {@code fill_mode}, {@code cval}. Each such stage resamples once; list several Keras transforms
 * in one {@code image_data_generator} stage to compose them into one resampling as Keras does.
 */
public final class WidthShiftProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public WidthShiftProvider() {
    super("width_shift", p -> {
      p.requireOnly("range", "fill_mode", "cval");
      return new KerasAffine(0, ShiftRange.read(p, "range", ShiftRange.NONE),
          ShiftRange.NONE, 0, 1, 1, false, false, fill(p), cval(p));
    });
  }
}
