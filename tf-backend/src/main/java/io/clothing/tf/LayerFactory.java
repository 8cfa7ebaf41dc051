package io.clothing.tf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.RecipeException;
import io.clothing.api.StageParameters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates {@link Layer}s from a recipe's layer objects, naming them as Keras does
 * ({@code conv2d}, {@code conv2d_1}, ...). Each type's parameters are checked here, and refused
 * with a {@link RecipeException} naming the layer's path and the parameter. A new layer type needs
 * one entry in {@link #TYPES}.
 *
 * <p>Not thread-safe: one factory builds one model.
 */
final class LayerFactory {
  private interface Maker {
    Layer make(String name, FeatureShape input, StageParameters p);
  }

  private static final Map<String, Maker> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("conv2d", (name, in, p) -> {
      requireImage(in, p);
      p.requireOnly("filters", "kernel_size", "strides", "padding", "activation", "use_bias");
      int kernel = required(p, "kernel_size", () -> p.integer("kernel_size", 0, 1, 64));
      return new Conv2DLayer(name, in,
          required(p, "filters", () -> p.integer("filters", 0, 1, 8192)),
          kernel, kernel,
          p.integer("strides", 1, 1, 64),
          p.choice("padding", "valid", "valid", "same").equals("same"),
          p.bool("use_bias", true),
          activation(p));
    });
    TYPES.put("batch_normalization", (name, in, p) -> {
      p.requireOnly("momentum", "epsilon");
      return new BatchNormalizationLayer(name, in, p.number("momentum", 0.99, 0, 0.999999),
          p.number("epsilon", 1e-3, 1e-12, 1));
    });
    TYPES.put("dropout", (name, in, p) -> {
      p.requireOnly("rate");
      return new DropoutLayer(name, in, required(p, "rate", () -> p.number("rate", 0, 0, 0.99)));
    });
    for (boolean max : new boolean[] {true, false}) {
      TYPES.put(max ? "max_pooling2d" : "average_pooling2d", (name, in, p) -> {
        requireImage(in, p);
        p.requireOnly("pool_size", "strides", "padding");
        int pool = p.integer("pool_size", 2, 1, 64);
        return new PoolingLayer(name, max, in, pool, p.integer("strides", pool, 1, 64),
            p.choice("padding", "valid", "valid", "same").equals("same"));
      });
    }
    TYPES.put("flatten", (name, in, p) -> {
      p.requireOnly();
      return new ReshapingLayer(name, ReshapingLayer.Kind.FLATTEN, in, Activation.LINEAR);
    });
    TYPES.put("global_average_pooling2d", (name, in, p) -> {
      requireImage(in, p);
      p.requireOnly();
      return new ReshapingLayer(name, ReshapingLayer.Kind.GLOBAL_AVERAGE_POOLING, in,
          Activation.LINEAR);
    });
    TYPES.put("dense", (name, in, p) -> {
      if (in.isImage()) {
        throw p.fail("type", "dense needs a flat input (add a flatten or "
            + "global_average_pooling2d layer before it), got " + in.toKeras());
      }
      p.requireOnly("units", "activation", "use_bias");
      return new DenseLayer(name, in, required(p, "units", () -> p.integer("units", 0, 1, 1 << 20)),
          p.bool("use_bias", true), activation(p));
    });
    TYPES.put("activation", (name, in, p) -> {
      p.requireOnly("activation");
      if (!p.has("activation")) {
        throw p.fail("activation", "is required");
      }
      return new ReshapingLayer(name, ReshapingLayer.Kind.ACTIVATION, in, activation(p));
    });
  }

  private final Map<String, Integer> counts = new HashMap<>();

  /**
   * Creates the layer described by {@code spec} on an input of shape {@code input}.
   *
   * @param path the layer's path in the recipe, such as {@code model.layers[3]}, for messages
   */
  Layer create(ObjectNode spec, FeatureShape input, String path) {
    String type = spec.path("type").asText();
    Maker maker = TYPES.get(type);
    if (maker == null) {
      throw new RecipeException(path + ".type", "unknown layer type '" + type
          + "'; available: " + String.join(", ", TYPES.keySet()));
    }
    ObjectNode params = spec.deepCopy();
    params.remove("type");
    int n = counts.merge(type, 1, Integer::sum) - 1;
    Layer layer = maker.make(n == 0 ? type : type + "_" + n, input,
        new StageParameters(path, params));
    FeatureShape out = layer.outputShape();
    if (out.size() < 1 || (out.isImage() && (out.height() < 1 || out.width() < 1))) {
      throw new RecipeException(path, type + " on an input of " + input.toKeras()
          + " leaves no output; use smaller kernels, strides or pools, or 'same' padding");
    }
    return layer;
  }

  private static void requireImage(FeatureShape in, StageParameters p) {
    if (!in.isImage()) {
      throw p.fail("type", "this layer needs an image input, got " + in.toKeras());
    }
  }

  private static Activation activation(StageParameters p) {
    String[] ids = java.util.Arrays.stream(Activation.values()).map(Activation::id)
        .toArray(String[]::new);
    return Activation.byId(p.choice("activation", "linear", ids));
  }

  private static <T> T required(StageParameters p, String field, java.util.function.Supplier<T> v) {
    if (!p.has(field)) {
      throw p.fail(field, "is required");
    }
    return v.get();
  }
}
