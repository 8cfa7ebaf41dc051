package io.clothing.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.RecipeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * A valid functional recipe (a small ResNet) with random edits (inputs rewired to any layer, an
 * unknown name or the layer itself; layers removed; types swapped; numbers changed) either
 * builds or is refused with a {@link RecipeException}, never another exception.
 */
class FunctionalGraphFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES = List.of("conv2d", "depthwise_conv2d",
      "separable_conv2d", "zero_padding2d", "batch_normalization", "max_pooling2d",
      "activation", "add", "average", "concatenate", "flatten", "global_average_pooling2d",
      "dense");

  @Property(tries = 500)
  void editedGraphsBuildOrAreRefusedAsRecipes(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    ArrayNode layers = (ArrayNode) JSON.readTree("[" + FunctionalModelTest.resnet(2, 4, 4) + "]");
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !layers.isEmpty(); e++) {
      ObjectNode layer = (ObjectNode) layers.get(random.nextInt(layers.size()));
      switch (random.nextInt(4)) {
        case 0 -> {
          List<String> names = new ArrayList<>(List.of("input_layer", "nowhere"));
          layers.forEach(l -> names.add(l.path("name").asText("unnamed")));
          ArrayNode inputs = layer.putArray("inputs");
          for (int i = 0; i <= random.nextInt(2); i++) {
            inputs.add(names.get(random.nextInt(names.size())));
          }
        }
        case 1 -> layers.remove(random.nextInt(layers.size()));
        case 2 -> layer.put("type", TYPES.get(random.nextInt(TYPES.size())));
        default -> {
          List<String> numeric = new ArrayList<>();
          layer.fields().forEachRemaining(f -> {
            if (f.getValue().isNumber()) {
              numeric.add(f.getKey());
            }
          });
          if (!numeric.isEmpty()) {
            layer.put(numeric.get(random.nextInt(numeric.size())), random.nextInt(72) - 2);
          }
        }
      }
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode layer : layers) {
      text.append(text.length() == 0 ? "" : ",").append(layer);
    }
    try {
      Network network = Network.from(TestRecipes.withLayers(text.toString()).model());
      network.summary();
      network.flopsPerImage();
      Statistics.collect("built");
    } catch (RecipeException refused) {
      Statistics.collect("refused"); // the library's own refusal, naming the layer
    }
  }
}
