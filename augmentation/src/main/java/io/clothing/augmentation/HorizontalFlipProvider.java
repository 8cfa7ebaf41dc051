package io.clothing.augmentation;

/**
 * {@code horizontal_flip}: mirrors left and right with probability {@code probability} (default 0.5, as Keras).
 */
public final class HorizontalFlipProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public HorizontalFlipProvider() {
    super("horizontal_flip", p -> {
      p.requireOnly("probability");
      return new Flip(true, p.number("probability", 0.5, 0, 1));
    });
  }
}
