package io.clothing.augmentation;

/**
 * {@code shear}: a shear by an angle drawn from [-range, range] degrees, as Keras' {@code ImageDataGenerator} does it; parameters {@code range},
 * {@code fill_mode}, {@code cval}. Each such stage resamples once; list several Keras transforms
 * in one {@code image_data_generator} stage to compose them into one resampling as Keras does.
 */
public final class ShearProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public ShearProvider() {
    super("shear", p -> {
      p.requireOnly("range", "fill_mode", "cval");
      return new KerasAffine(0, ShiftRange.NONE, ShiftRange.NONE,
          p.number("range", 0, 0, 89), 1, 1, false, false, fill(p), cval(p));
    });
  }
}
