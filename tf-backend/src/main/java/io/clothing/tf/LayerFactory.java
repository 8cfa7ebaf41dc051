package io.clothing.tf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.RecipeException;
import io.clothing.api.StageParameters;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates {@link Layer}s from a recipe's layer objects. Each type's parameters are checked here,
 * and refused with a {@link RecipeException} naming the layer's path and the parameter. A new
 * layer type needs one entry in {@link #TYPES} (and, for a layer of several inputs, in
 * {@link #MERGES}).
 *
 * <p>Stateless; thread-safe.
 */
final class LayerFactory {
  private interface Maker {
    Layer make(String name, FeatureShape input, StageParameters p);
  }

  private static final Map<String, Maker> TYPES = new LinkedHashMap<>();
  private static final Map<String, MergeLayer.Kind> MERGES = Map.of(
      "add", MergeLayer.Kind.ADD, "average", MergeLayer.Kind.AVERAGE,
      "concatenate", MergeLayer.Kind.CONCATENATE);

  static {
    TYPES.put("conv2d", (name, in, p) -> {
      requireImage(in, p);
      p.requireOnly("filters", "kernel_size", "strides", "padding", "activation", "use_bias");
      return new Conv2DLayer(name, in,
          required(p, "filters", () -> p.integer("filters", 0, 1, 8192)),
          window(p), p.bool("use_bias", true), activation(p));
    });
    TYPES.put("depthwise_conv2d", (name, in, p) -> {
      requireImage(in, p);
      p.requireOnly("kernel_size", "strides", "padding", "depth_multiplier", "activation",
          "use_bias");
      return new DepthwiseConv2DLayer(name, in, window(p),
          p.integer("depth_multiplier", 1, 1, 1024), 0, p.bool("use_bias", true),
          activation(p));
    });
    TYPES.put("separable_conv2d", (name, in, p) -> {
      requireImage(in, p);
      p.requireOnly("filters", "kernel_size", "strides", "padding", "depth_multiplier",
          "activation", "use_bias");
      return new DepthwiseConv2DLayer(name, in, window(p),
          p.integer("depth_multiplier", 1, 1, 1024),
          required(p, "filters", () -> p.integer("filters", 0, 1, 8192)),
          p.bool("use_bias", true), activation(p));
    });
    TYPES.put("zero_padding2d", (name, in, p) -> {
      requireImage(in, p);
      p.requireOnly("padding");
      return new ZeroPadding2DLayer(name, in,
          p.integerPairs("padding", new int[][] {{1, 1}, {1, 1}}, 0, 1024));
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

  private LayerFactory() {}

  /** Whether {@code type} names a known layer type. */
  static boolean isKnown(String type) {
    return TYPES.containsKey(type) || MERGES.containsKey(type);
  }

  /** Every layer type, for messages. */
  static String knownTypes() {
    java.util.List<String> all = new java.util.ArrayList<>(TYPES.keySet());
    all.addAll(new java.util.TreeSet<>(MERGES.keySet()));
    return String.join(", ", all);
  }

  /**
   * Creates the layer described by {@code spec} (without its {@code name} and {@code inputs})
   * on inputs of the given shapes.
   *
   * @param name the layer's unique name
   * @param inputs the shapes of its inputs, in order
   * @param inputNames the names of the layers giving them, for messages
   * @param path the layer's path in the recipe, such as {@code model.layers[3]}, for messages
   */
  static Layer create(ObjectNode spec, String name, List<FeatureShape> inputs,
      List<String> inputNames, String path) {
    String type = spec.path("type").asText();
    ObjectNode params = spec.deepCopy();
    params.remove("type");
    StageParameters p = new StageParameters(path, params);
    Layer layer;
    MergeLayer.Kind merge = MERGES.get(type);
    if (merge != null) {
      p.requireOnly(merge == MergeLayer.Kind.CONCATENATE ? new String[] {"axis"} : new String[0]);
      if (merge == MergeLayer.Kind.CONCATENATE && p.has("axis")) {
        int channelAxis = inputs.get(0).isImage() ? 3 : 1;
        int axis = p.integer("axis", -1, -1, channelAxis);
        if (axis != -1 && axis != channelAxis) {
          throw p.fail("axis", "only the channel axis (-1 or " + channelAxis + ") is supported");
        }
      }
      String problem = MergeLayer.check(merge, inputs, inputNames);
      if (problem != null) {
        throw new RecipeException(path + ".inputs", "'" + name + "' (" + type + ") " + problem);
      }
      layer = new MergeLayer(name, merge, inputs);
    } else {
      Maker maker = TYPES.get(type);
      if (maker == null) {
        throw new RecipeException(path + ".type", "unknown layer type '" + type
            + "'; available: " + knownTypes());
      }
      if (inputs.size() != 1) {
        throw new RecipeException(path + ".inputs", "'" + name + "' (" + type
            + ") takes one input, got " + inputs.size() + ": " + inputNames);
      }
      layer = maker.make(name, inputs.get(0), p);
    }
    FeatureShape out = layer.outputShape();
    if (out.size() < 1 || (out.isImage() && (out.height() < 1 || out.width() < 1))) {
      throw new RecipeException(path, type + " on an input of " + inputs.get(0).toKeras()
          + " leaves no output; use smaller kernels, strides or pools, or 'same' padding");
    }
    return layer;
  }

  private static Window window(StageParameters p) {
    int[] kernel = required(p, "kernel_size",
        () -> p.integerPair("kernel_size", new int[2], 1, 64));
    int[] strides = p.integerPair("strides", new int[] {1, 1}, 1, 64);
    return new Window(kernel[0], kernel[1], strides[0], strides[1],
        p.choice("padding", "valid", "valid", "same").equals("same"));
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
