package io.clothing.augmentation;

/**
 * {@code rotation}: rotation by an angle drawn from [-range, range] degrees, as Keras' {@code ImageDataGenerator} does it; parameters {@code range},
 * {@code fill_mode}, {@code cval}. Each such stage resamples once; list several Keras transforms
 * in one {@code image_data_generator} stage to compose them into one resampling as Keras does.
 */
public final class RotationProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public RotationProvider() {
    super("rotation", p -> {
      p.requireOnly("range", "fill_mode", "cval");
      return new KerasAffine(p.number("range", 0, 0, 180), ShiftRange.NONE,
          ShiftRange.NONE, 0, 1, 1, false, false, fill(p), cval(p));
    });
  }
}
