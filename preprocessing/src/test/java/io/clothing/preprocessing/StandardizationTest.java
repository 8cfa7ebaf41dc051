package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clothing.api.ImageDataset;
import io.clothing.api.PluginRegistry;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.PreprocessingStageProvider;
import io.clothing.api.RecipeException;
import io.clothing.api.StageParameters;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class StandardizationTest {

  @Test
  void fitsMeanAndStdOfTheScaledPixels() {
    // pixels 0 and 255 in equal numbers: mean 0.5, std 0.5
    ImageDataset data = ImageDataset.of(2, 1, new byte[] {0, (byte) 255, 0, (byte) 255},
        new byte[] {1, 2});
    Standardization s = Standardization.fit(data);
    assertThat(s.mean()).isCloseTo(0.5, within(1e-12));
    assertThat(s.std()).isCloseTo(0.5, within(1e-12));
    float[] values = {0f, 1f};
    s.apply(values, 0, 2);
    assertThat(values).containsExactly(-1f, 1f);
  }

  @Test
  void usesOnlyTheDataItIsGiven() {
    ImageDataset all = TestData.random(20, 4);
    StratifiedSplit.Parts parts = StratifiedSplit.split(all, 0.5, 1);
    assertThat(Standardization.fit(parts.training()).mean())
        .isNotEqualTo(Standardization.fit(all).mean());
  }

  @Property
  void invertUndoesApply(@ForAll @FloatRange(min = 0, max = 1) float x) {
    Standardization s = new Standardization(0.2860, 0.3530);
    float[] v = {x};
    s.apply(v, 0, 1);
    s.invert(v, 0, 1);
    assertThat(v[0]).isCloseTo(x, within(1e-6f));
  }

  @Test
  void savedStateRestoresTheSameStageThroughTheProvider() {
    PluginRegistry<PreprocessingStageProvider> registry = PluginRegistry.discover(
        PreprocessingStageProvider.class, "preprocessing", getClass().getClassLoader());
    PreprocessingStageProvider provider = registry.get("standardize", "preprocessing[0].name");
    PreprocessingStage fitted = provider.fit(new StageParameters("standardize",
        JsonNodeFactory.instance.objectNode()), TestData.random(5, 2));
    PreprocessingStage restored = provider.restore(fitted.state());
    float[] a = {0.1f, 0.9f};
    float[] b = a.clone();
    fitted.apply(a, 0, 2);
    restored.apply(b, 0, 2);
    assertThat(b).containsExactly(a);
  }

  @Test
  void refusesUnknownParameters() {
    var params = JsonNodeFactory.instance.objectNode().put("per_pixel", true);
    assertThatThrownBy(() -> new StandardizationProvider().fit(
        new StageParameters("standardize", params), TestData.random(1, 1)))
        .isInstanceOf(RecipeException.class)
        .hasMessage("standardize.per_pixel: unknown parameter; allowed: none");
  }
}
