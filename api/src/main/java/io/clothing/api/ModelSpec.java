package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The network architecture: a name and a sequence of layers, each a JSON object with a
 * {@code type} (such as {@code "conv2d"}) and that layer type's parameters, written as in Keras:
 * {@code {"type": "conv2d", "filters": 32, "kernel_size": 3, "padding": "same",
 * "activation": "relu"}}. The backend checks the layer types and parameters when it builds the
 * graph; the input is always a 28x28x1 image and the last layer must give 10 outputs.
 *
 * <p>Immutable: the layer objects are deep-copied in and out. Thread-safe.
 *
 * @param name the architecture's name, used in summaries; never null
 * @param layers the layers in order, at least one
 */
public record ModelSpec(String name, List<ObjectNode> layers) {
  /** The most layers a model may list. */
  public static final int MAX_LAYERS = 1000;

  /** Validates and deep-copies the layers. */
  public ModelSpec {
    Checks.required("name", name);
    Checks.required("layers", layers);
    if (layers.isEmpty()) {
      throw new RecipeException("layers", "must list at least one layer");
    }
    if (layers.size() > MAX_LAYERS) {
      throw new RecipeException("layers", "lists " + layers.size() + " layers; a model may have "
          + "at most " + MAX_LAYERS);
    }
    List<ObjectNode> copies = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      ObjectNode layer = layers.get(i);
      if (layer == null || !layer.path("type").isTextual()) {
        throw new RecipeException(
            "layers[" + i + "].type", "is required: the layer type, such as \"conv2d\"");
      }
      copies.add(layer.deepCopy());
    }
    layers = List.copyOf(copies);
  }

  @JsonCreator
  static ModelSpec fromJson(
      @JsonProperty("name") String name, @JsonProperty("layers") List<ObjectNode> layers,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, ModelSpec.class);
    return new ModelSpec(name, layers);
  }

  /** The layers, deep copies; never null. */
  @Override
  public List<ObjectNode> layers() {
    return layers.stream().map(ObjectNode::deepCopy).toList();
  }
}
