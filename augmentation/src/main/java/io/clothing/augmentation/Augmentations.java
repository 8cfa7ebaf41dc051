package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import io.clothing.api.AugmentationProvider;
import io.clothing.api.PluginRegistry;
import io.clothing.api.RecipeException;
import io.clothing.api.StageParameters;
import io.clothing.api.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a recipe's augmentation stages into {@link Augmentation}s, through every
 * {@link AugmentationProvider} visible to a class loader: the built-in ones of this module and
 * any a team ships in its own jar. Unknown names and bad parameters are refused here, at
 * recipe-load time, naming the stage's position, name and field. Stateless and thread-safe.
 */
public final class Augmentations {
  private Augmentations() {}

  /** The providers visible to {@code loader}. */
  public static PluginRegistry<AugmentationProvider> providers(ClassLoader loader) {
    return PluginRegistry.discover(AugmentationProvider.class, "augmentation", loader);
  }

  /**
   * Creates the stages of {@code specs} in order.
   *
   * @throws RecipeException naming {@code augmentation[i]}, the stage and the field
   */
  public static List<Augmentation> create(List<StageSpec> specs, ClassLoader loader) {
    PluginRegistry<AugmentationProvider> providers = providers(loader);
    List<Augmentation> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      StageSpec spec = specs.get(i);
      String path = "augmentation[" + i + "]";
      AugmentationProvider provider = providers.get(spec.name(), path + ".name");
      try {
        out.add(provider.create(new StageParameters(spec.name(), spec.parameters())));
      } catch (RecipeException e) {
        throw e.within(path, "");
      }
    }
    return List.copyOf(out);
  }
}
