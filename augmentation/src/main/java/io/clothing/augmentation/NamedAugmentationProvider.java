package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import io.clothing.api.AugmentationProvider;
import io.clothing.api.StageParameters;
import java.util.function.Function;

/**
 * A provider given by its name and a function from checked parameters to the augmentation; the
 * built-in plugins are one-line subclasses of it (each needs its own class for
 * {@link java.util.ServiceLoader}).
 */
abstract class NamedAugmentationProvider implements AugmentationProvider {
  private final String name;
  private final Function<StageParameters, Augmentation> factory;

  NamedAugmentationProvider(String name, Function<StageParameters, Augmentation> factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Augmentation create(StageParameters parameters) {
    return factory.apply(parameters);
  }

  /** Fill mode and constant, shared by the geometric transforms. */
  static FillMode fill(StageParameters p) {
    return FillMode.of(p.choice("fill_mode", "nearest", FillMode.IDS));
  }

  static float cval(StageParameters p) {
    return (float) p.number("cval", 0, -1e6, 1e6);
  }

  /** A Keras zoom range: {@code z} means {@code [1 - z, 1 + z]}; or an explicit pair. */
  static double[] zoom(StageParameters p, String field) {
    if (!p.has(field)) {
      return new double[] {1, 1};
    }
    if (p.isNumber(field)) {
      double z = p.number(field, 0, 0, Double.MAX_VALUE);
      if (z >= 1) {
        throw p.fail(field, "a single zoom z means [1 - z, 1 + z], so it must be below 1, got "
            + z + " (give [low, high] for larger factors)");
      }
      return new double[] {1 - z, 1 + z};
    }
    return p.range(field, new double[] {1, 1}, 1e-3, 100);
  }
}
