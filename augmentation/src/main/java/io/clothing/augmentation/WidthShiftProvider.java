package io.clothing.augmentation;

/**
 * {@code width_shift}: a horizontal shift by up to range (a fraction of the width below 1, else pixels), as Keras' {@code ImageDataGenerator} does it; parameters {@code range},
 * {@code fill_mode}, {@code cval}. Each such stage resamples once; list several Keras transforms
 * in one {@code image_data_generator} stage to compose them into one resampling as Keras does.
 */
public final class WidthShiftProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public WidthShiftProvider() {
    super("width_shift", p -> {
      p.requireOnly("range", "fill_mode", "cval");
      return new KerasAffine(0, p.number("range", 0, 0, 28), 0, 0, 1, 1, false, false, fill(p), cval(p));
    });
  }
}
