package io.clothing.api;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The providers of one plugin kind, by name: discovered with {@link ServiceLoader} and also
 * registrable by hand. Each registration is logged with the class and jar it came from; two
 * providers of one name are refused rather than one silently shadowing the other.
 *
 * <p>Thread-safe.
 *
 * @param <P> the provider kind, such as {@link AugmentationProvider}
 */
public final class PluginRegistry<P extends NamedProvider> {
  private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());

  private final String kind;
  private final Map<String, P> byName = new TreeMap<>();

  private PluginRegistry(String kind) {
    this.kind = kind;
  }

  /** An empty registry for providers described as {@code kind} (used in messages). */
  public static <P extends NamedProvider> PluginRegistry<P> empty(String kind) {
    return new PluginRegistry<>(kind);
  }

  /**
   * A registry of every provider of {@code type} that {@code loader} can see.
   *
   * @throws ClothingException if two providers share a name
   */
  public static <P extends NamedProvider> PluginRegistry<P> discover(
      Class<P> type, String kind, ClassLoader loader) {
    PluginRegistry<P> registry = new PluginRegistry<>(kind);
    for (P provider : ServiceLoader.load(type, loader)) {
      registry.register(provider);
    }
    return registry;
  }

  /**
   * Adds a provider.
   *
   * @throws ClothingException if a provider of the same name is already registered
   */
  public synchronized PluginRegistry<P> register(P provider) {
    P previous = byName.putIfAbsent(provider.name(), provider);
    if (previous != null) {
      throw new ClothingException(
          "two " + kind + " plugins are named '" + provider.name() + "': "
              + origin(previous) + " and " + origin(provider));
    }
    LOG.log(System.Logger.Level.DEBUG, () ->
        "registered " + kind + " plugin '" + provider.name() + "' " + provider.version()
            + " from " + origin(provider));
    return this;
  }

  /**
   * The provider named {@code name}.
   *
   * @param field the recipe field that named it, for the message (such as
   *     {@code augmentation[2].name})
   * @throws RecipeException if there is none, listing the names available
   */
  public synchronized P get(String name, String field) {
    P provider = byName.get(name);
    if (provider == null) {
      throw new RecipeException(
          field, "unknown " + kind + " '" + name + "'; available: " + String.join(", ", names()));
    }
    return provider;
  }

  /** The registered names, sorted; an unmodifiable snapshot. */
  public synchronized List<String> names() {
    return List.copyOf(byName.keySet());
  }

  private static String origin(Object provider) {
    Class<?> type = provider.getClass();
    var source = type.getProtectionDomain().getCodeSource();
    return type.getName() + (source == null ? "" : " (" + source.getLocation() + ")");
  }
}
