package io.clothing.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.ModelSpec;
import io.clothing.api.RecipeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A Keras-style network on 28x28x1 images ending in ten class scores, built from a recipe's
 * {@link ModelSpec}: sequential (each layer takes the one before it) or functional (layers name
 * their {@code inputs}, so an output can feed several layers and a layer such as {@code add} can
 * take several). It knows its shapes, parameter counts and FLOPs without TensorFlow
 * ({@link #summary()} prints Keras' table), and adds its training and inference paths to a graph.
 *
 * <p>In the functional form every layer may carry a {@code name} (letters, digits and
 * underscores; otherwise Keras' automatic name such as {@code conv2d_1}) and {@code inputs}: one
 * name or a list of names of other layers or of {@value #INPUT_NAME}, the image. A layer without
 * {@code inputs} takes the layer listed before it. The last layer listed is the model's output;
 * every other layer must feed at least one layer, and the graph must have no cycle.
 *
 * <p>The output must be ten values: either softmax probabilities (a {@code dense} layer with
 * {@code "activation": "softmax"}, or a final softmax {@code activation} layer), whose
 * pre-softmax logits the loss then uses, as Keras does, or plain logits.
 *
 * <p>Not thread-safe; a model instance builds one graph.
 */
public final class Network {
  /** The input shape every model takes. */
  public static final FeatureShape INPUT = FeatureShape.image(GrayImage.SIDE, GrayImage.SIDE, 1);
  /** The name by which functional layers refer to the input image. */
  public static final String INPUT_NAME = "input_layer";
  /** Index in {@link Node#inputs()} that stands for the input image. */
  static final int IMAGE = -1;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  /**
   * One layer in topological order with the indices (into the node list) of the layers it
   * takes, {@link #IMAGE} for the input image.
   */
  record Node(Layer layer, List<Integer> inputs) {}

  private final String name;
  private final boolean functional;
  private final List<Node> nodes;
  private final List<Layer> layers;

  private Network(String name, boolean functional, List<Node> nodes) {
    this.name = name;
    this.functional = functional;
    this.nodes = List.copyOf(nodes);
    this.layers = nodes.stream().map(Node::layer).toList();
  }

  /**
   * Builds the layers of {@code spec}.
   *
   * @throws RecipeException naming the layer and parameter, if a layer is refused, or the layer
   *     and the problem if the graph is not a valid model (an unknown input name, a cycle, a
   *     layer whose output nothing uses, shapes a merge cannot combine)
   */
  public static Network from(ModelSpec spec) {
    List<ObjectNode> specs = spec.layers();
    int n = specs.size();
    boolean functional = specs.stream().anyMatch(s -> s.has("inputs"));
    String[] names = names(specs);
    Map<String, Integer> index = new HashMap<>();
    index.put(INPUT_NAME, IMAGE);
    for (int i = 0; i < n; i++) {
      index.put(names[i], i);
    }
    List<List<Integer>> inputs = new ArrayList<>();
    int[] consumers = new int[n];
    for (int i = 0; i < n; i++) {
      List<Integer> in = new ArrayList<>();
      for (String input : inputNames(specs.get(i), i == 0 ? INPUT_NAME : names[i - 1],
          path(i))) {
        Integer at = index.get(input);
        if (at == null) {
          throw new RecipeException(path(i) + ".inputs", "'" + names[i] + "' takes '" + input
              + "', which names no layer; names: " + INPUT_NAME + ", " + someOf(names));
        }
        if (at == i) {
          throw new RecipeException(path(i) + ".inputs", "'" + names[i]
              + "' takes its own output: a cycle");
        }
        in.add(at);
        if (at != IMAGE) {
          consumers[at]++;
        }
      }
      inputs.add(in);
    }
    for (int i = 0; i < n; i++) {
      if (i == n - 1 && consumers[i] > 0) {
        throw new RecipeException(path(i), "'" + names[i] + "' is the last layer, the model's "
            + "output, so no layer may take it as an input");
      }
      if (i < n - 1 && consumers[i] == 0) {
        throw new RecipeException(path(i), "the output of '" + names[i] + "' goes to no layer; "
            + "every layer but the last (the model's output) must be an input of another");
      }
    }
    List<Integer> order = topologicalOrder(inputs, names);

    List<Node> nodes = new ArrayList<>();
    FeatureShape[] shapes = new FeatureShape[n];
    int[] position = new int[n];
    for (int i : order) {
      List<FeatureShape> inShapes = new ArrayList<>();
      List<String> inNames = new ArrayList<>();
      List<Integer> inPositions = new ArrayList<>();
      for (int at : inputs.get(i)) {
        inShapes.add(at == IMAGE ? INPUT : shapes[at]);
        inNames.add(at == IMAGE ? INPUT_NAME : names[at]);
        inPositions.add(at == IMAGE ? IMAGE : position[at]);
      }
      ObjectNode layerSpec = specs.get(i).deepCopy();
      layerSpec.remove(List.of("name", "inputs"));
      Layer layer = LayerFactory.create(layerSpec, names[i], inShapes, inNames, path(i));
      shapes[i] = layer.outputShape();
      position[i] = nodes.size();
      nodes.add(new Node(layer, inPositions));
    }
    checkWeightNamesUnique(nodes);

    FeatureShape shape = shapes[n - 1];
    if (shape.isImage() || shape.size() != Garment.COUNT) {
      throw new RecipeException(path(n - 1), "the last layer must output "
          + Garment.COUNT + " class scores, got " + shape.toKeras());
    }
    Layer last = nodes.get(nodes.size() - 1).layer();
    Activation finalActivation = last instanceof DenseLayer d ? d.activation()
        : last instanceof ReshapingLayer r && r.isActivation()
            ? activationOf(specs.get(n - 1)) : Activation.LINEAR;
    if (finalActivation != Activation.LINEAR && finalActivation != Activation.SOFTMAX) {
      throw new RecipeException(path(n - 1) + ".activation",
          "the last layer must give logits (linear) or softmax probabilities, got "
              + finalActivation.id());
    }
    return new Network(spec.name(), functional, nodes);
  }

  /** The first 20 names, then how many more, for messages. */
  private static String someOf(String[] names) {
    String shown = String.join(", ", java.util.Arrays.asList(names).subList(0,
        Math.min(20, names.length)));
    return names.length > 20 ? shown + " and " + (names.length - 20) + " more" : shown;
  }

  private static String path(int i) {
    return "model.layers[" + i + "]";
  }

  /** Each layer's given name, or Keras' automatic one ({@code type}, {@code type_1}, ...). */
  static String[] names(List<ObjectNode> specs) {
    String[] names = new String[specs.size()];
    Set<String> used = new HashSet<>(Set.of(INPUT_NAME));
    for (int i = 0; i < specs.size(); i++) {
      JsonNode given = specs.get(i).get("name");
      if (given == null) {
        continue;
      }
      if (!given.isTextual() || !NAME.matcher(given.textValue()).matches()) {
        throw new RecipeException(path(i) + ".name", "expected a name of letters, digits and "
            + "underscores, starting with a letter, at most 64 characters, got " + given);
      }
      if (given.textValue().equals(INPUT_NAME)) {
        throw new RecipeException(path(i) + ".name", "'" + INPUT_NAME + "' is the input image's "
            + "name; give the layer another");
      }
      if (!used.add(given.textValue())) {
        throw new RecipeException(path(i) + ".name", "'" + given.textValue()
            + "' is already the name of another layer");
      }
      names[i] = given.textValue();
    }
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      if (names[i] != null) {
        continue;
      }
      String type = specs.get(i).path("type").asText();
      if (!LayerFactory.isKnown(type)) {
        throw new RecipeException(path(i) + ".type", "unknown layer type '" + type
            + "'; available: " + LayerFactory.knownTypes());
      }
      String candidate;
      do {
        int k = counts.merge(type, 1, Integer::sum) - 1;
        candidate = k == 0 ? type : type + "_" + k;
      } while (!used.add(candidate));
      names[i] = candidate;
    }
    return names;
  }

  /** The names a layer takes: its {@code inputs}, or {@code previous} when it has none. */
  static List<String> inputNames(ObjectNode spec, String previous, String path) {
    JsonNode inputs = spec.get("inputs");
    if (inputs == null) {
      return List.of(previous);
    }
    if (inputs.isTextual()) {
      return List.of(inputs.textValue());
    }
    if (inputs.isArray() && !inputs.isEmpty() && inputs.size() <= ModelSpec.MAX_LAYERS) {
      List<String> names = new ArrayList<>();
      for (JsonNode input : inputs) {
        if (!input.isTextual()) {
          break;
        }
        names.add(input.textValue());
      }
      if (names.size() == inputs.size()) {
        return names;
      }
    }
    throw new RecipeException(path + ".inputs", "expected a layer name or a non-empty list of "
        + "layer names, got " + inputs);
  }

  /**
   * The layers in an order where each comes after its inputs, keeping the listed order where the
   * graph allows.
   */
  private static List<Integer> topologicalOrder(List<List<Integer>> inputs, String[] names) {
    int n = inputs.size();
    int[] waiting = new int[n];
    List<List<Integer>> takers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      takers.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int at : inputs.get(i)) {
        if (at != IMAGE) {
          waiting[i]++;
          takers.get(at).add(i);
        }
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int taker : takers.get(i)) {
        if (--waiting[taker] == 0) {
          ready.add(taker);
        }
      }
    }
    if (order.size() < n) {
      throw cycle(inputs, names, waiting);
    }
    return order;
  }

  /** Describes one cycle among the layers still {@code waiting} for an input. */
  private static RecipeException cycle(List<List<Integer>> inputs, String[] names,
      int[] waiting) {
    int start = 0;
    while (waiting[start] == 0) {
      start++;
    }
    List<Integer> walk = new ArrayList<>();
    int at = start;
    while (!walk.contains(at)) {
      walk.add(at);
      for (int input : inputs.get(at)) {
        if (input != IMAGE && waiting[input] > 0) {
          at = input;
          break;
        }
      }
    }
    List<Integer> loop = new ArrayList<>(walk.subList(walk.indexOf(at), walk.size()));
    java.util.Collections.reverse(loop); // in the direction data flows
    java.util.Collections.rotate(loop, -loop.indexOf(at));
    StringBuilder path = new StringBuilder();
    for (int i : loop) {
      path.append(names[i]).append(" -> ");
    }
    path.append(names[loop.get(0)]);
    return new RecipeException(path(loop.get(0)) + ".inputs", "'" + names[loop.get(0)]
        + "' is part of a cycle: " + path);
  }

  private static void checkWeightNamesUnique(List<Node> nodes) {
    Map<String, String> owners = new HashMap<>();
    for (Node node : nodes) {
      for (String weight : node.layer().weightShapes().keySet()) {
        String other = owners.putIfAbsent(weight, node.layer().name());
        if (other != null) {
          throw new RecipeException("model.layers", "layers '" + other + "' and '"
              + node.layer().name() + "' would both save a weight named '" + weight
              + "'; rename one of them");
        }
      }
    }
  }

  private static Activation activationOf(ObjectNode spec) {
    Activation a = Activation.byId(spec.path("activation").asText("linear"));
    return a == null ? Activation.LINEAR : a;
  }

  /** The architecture's name from the recipe. */
  public String name() {
    return name;
  }

  /** Whether the recipe names layer inputs (Keras' functional API) rather than a sequence. */
  public boolean isFunctional() {
    return functional;
  }

  /** The layers, each after its inputs; unmodifiable. */
  List<Layer> layers() {
    return layers;
  }

  /** The layers with their inputs, in the order of {@link #layers()}; unmodifiable. */
  List<Node> nodes() {
    return nodes;
  }

  /** All parameters, trainable or not. */
  public long totalParameters() {
    return trainableParameters() + nonTrainableParameters();
  }

  /** Parameters updated by the optimizer. */
  public long trainableParameters() {
    return layers.stream().mapToLong(Layer::trainableParameters).sum();
  }

  /** Parameters not trained by gradients (batch-norm moving statistics). */
  public long nonTrainableParameters() {
    return layers.stream().mapToLong(Layer::nonTrainableParameters).sum();
  }

  /**
   * A lower bound of the memory training needs, in bytes: four copies of every parameter
   * (weights, gradients and two optimizer slots) and, per image of the batch, every layer's
   * output three times (forward values, gradients and one temporary), in 32-bit floats.
   */
  public long trainingBytes(int batchSize) {
    long activations = INPUT.size();
    for (Layer layer : layers) {
      activations += layer.outputShape().size();
    }
    return 4 * (4 * totalParameters() + 3 * activations * batchSize);
  }

  /**
   * Refuses to train this model when {@link #trainingBytes} exceeds {@code availableBytes},
   * naming both figures, before TensorFlow tries to allocate it.
   *
   * @throws RecipeException for {@code model}
   */
  public void checkTrainingFits(int batchSize, long availableBytes) {
    long needed = trainingBytes(batchSize);
    if (needed > availableBytes) {
      throw new RecipeException("model", String.format("training %s (%,d parameters) at batch "
          + "%d needs at least %,d MB, more than the %,d MB this machine has", name,
          totalParameters(), batchSize, needed >> 20, availableBytes >> 20));
    }
  }

  /** The machine's physical memory in bytes, or {@code Long.MAX_VALUE} if it cannot be read. */
  static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Long.MAX_VALUE;
  }

  /** Forward-pass floating-point operations per image (a multiply-add counts two). */
  public long flopsPerImage() {
    return layers.stream().mapToLong(Layer::flops).sum();
  }

  /** Creates every layer's variables. */
  void createVariables(GraphBuilder graph) {
    for (Layer layer : layers) {
      layer.createVariables(graph);
    }
  }

  /**
   * Adds a forward pass that ends in the ten logits (the pre-softmax values when the model ends
   * in a softmax).
   */
  Operand<TFloat32> logits(GraphBuilder graph, Operand<TFloat32> images, boolean training) {
    List<Operand<TFloat32>> values = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      List<Operand<TFloat32>> in = inputsOf(node, values, images);
      Layer layer = node.layer();
      if (i == nodes.size() - 1) {
        if (layer instanceof DenseLayer dense) {
          return dense.logits(graph, in.get(0));
        }
        if (layer instanceof ReshapingLayer r && r.isActivation()) {
          return in.get(0); // a final activation layer: softmax (checked in from()) comes later
        }
      }
      values.add(layer instanceof MergeLayer merge ? merge.merge(graph, in)
          : layer.apply(graph, in.get(0), training));
    }
    return values.get(values.size() - 1);
  }

  private static List<Operand<TFloat32>> inputsOf(Node node, List<Operand<TFloat32>> values,
      Operand<TFloat32> images) {
    return node.inputs().stream().map(at -> at == IMAGE ? images : values.get(at)).toList();
  }

  /** Every saved weight tensor of the model, by name, with its shape, in layer order. */
  public Map<String, long[]> weightShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (Layer layer : layers) {
      shapes.putAll(layer.weightShapes());
    }
    return shapes;
  }

  /**
   * Adds the inference path with the saved {@code weights} (by tensor name, made into graph
   * weights by {@link GraphBuilder#inferenceWeight}), ending in the ten logits. A batch
   * normalization that is the only user of a convolution or dense layer without activation is
   * folded into that layer's kernel and bias; dropout is left out.
   */
  Operand<TFloat32> inferenceLogits(GraphBuilder graph, Operand<TFloat32> images,
      Map<String, float[]> weights) {
    int[] users = new int[nodes.size()];
    int[] lastUser = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      for (int at : nodes.get(i).inputs()) {
        if (at != IMAGE) {
          users[at]++;
          lastUser[at] = i;
        }
      }
    }
    List<Operand<TFloat32>> values = new ArrayList<>();
    boolean[] foldedIn = new boolean[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      List<Operand<TFloat32>> in = inputsOf(node, values, images);
      Layer layer = node.layer();
      if (foldedIn[i]) {
        values.add(in.get(0)); // a normalization the layer before it already applied
        continue;
      }
      Map<String, float[]> w = weights;
      if (layer instanceof LinearLayer linear && linear.isLinear() && users[i] == 1
          && nodes.get(lastUser[i]).layer() instanceof BatchNormalizationLayer bn) {
        w = bn.foldInto(linear, weights);
        foldedIn[lastUser[i]] = true;
      }
      if (i == nodes.size() - 1) {
        if (layer instanceof DenseLayer dense) {
          return dense.inferLogits(graph, in.get(0), w);
        }
        if (layer instanceof ReshapingLayer r && r.isActivation()) {
          return in.get(0); // a final activation layer: softmax (checked in from()) comes later
        }
      }
      values.add(layer instanceof MergeLayer merge ? merge.merge(graph, in)
          : layer.infer(graph, in.get(0), w));
    }
    return values.get(values.size() - 1);
  }

  /** Keras' {@code model.summary()} table, with the FLOPs per image after the totals. */
  public String summary() {
    return KerasSummary.format(this);
  }
}
