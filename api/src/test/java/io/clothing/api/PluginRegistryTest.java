package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PluginRegistryTest {

  private record Named(String name) implements NamedProvider {}

  @Test
  void findsProvidersByName() {
    PluginRegistry<Named> registry = PluginRegistry.<Named>empty("test")
        .register(new Named("b")).register(new Named("a"));
    assertThat(registry.get("a", "x").name()).isEqualTo("a");
    assertThat(registry.names()).containsExactly("a", "b");
  }

  @Test
  void refusesTwoProvidersOfOneName() {
    PluginRegistry<Named> registry = PluginRegistry.<Named>empty("test").register(new Named("a"));
    assertThatThrownBy(() -> registry.register(new Named("a")))
        .isInstanceOf(ClothingException.class)
        .hasMessageContaining("two test plugins are named 'a'");
  }

  @Test
  void unknownNameListsTheAvailableOnes() {
    PluginRegistry<Named> registry = PluginRegistry.<Named>empty("augmentation")
        .register(new Named("rotation")).register(new Named("zoom"));
    assertThatThrownBy(() -> registry.get("rotate", "augmentation[0].name"))
        .isInstanceOf(RecipeException.class)
        .hasMessage("augmentation[0].name: unknown augmentation 'rotate'; available: rotation, zoom");
  }
}
