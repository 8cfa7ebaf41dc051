package io.clothing.api;

/**
 * A plugin provider that recipes refer to by name. Names are lower_snake_case and unique among
 * providers of the same kind; {@link PluginRegistry} refuses two providers of one name.
 */
public interface NamedProvider {

  /** The name recipes use, such as {@code "rotation"}; never null. */
  String name();

  /** The provider's version, recorded in a model's provenance; never null. */
  default String version() {
    Package p = getClass().getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "unversioned" : v;
  }
}
