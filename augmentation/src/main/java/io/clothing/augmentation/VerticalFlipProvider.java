package io.clothing.augmentation;

/**
 * {@code vertical_flip}: turns upside down with probability {@code probability} (default 0.5, as Keras).
 */
public final class VerticalFlipProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public VerticalFlipProvider() {
    super("vertical_flip", p -> {
      p.requireOnly("probability");
      return new Flip(false, p.number("probability", 0.5, 0, 1));
    });
  }
}
