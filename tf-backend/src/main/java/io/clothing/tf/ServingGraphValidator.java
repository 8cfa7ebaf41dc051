package io.clothing.tf;

import io.clothing.api.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * Checks a SavedModel before TensorFlow loads it, because a model file is untrusted input and
 * TensorFlow runs whatever its graph says. A model is refused unless:
 * <ul>
 *   <li>it has a {@code serve} meta graph whose {@code serving_default} signature maps
 *       {@code image} to {@code probabilities};
 *   <li>every op the signature's computation can reach (data and control inputs) is in
 *       {@link #SERVING_OPS}: the math a classifier needs, no file access, no save or restore,
 *       no queues, readers or other side effects;
 *   <li>every op anywhere in the graph is a serving op, an initializer op, or one of the ops of the
 *       standard checkpoint saver ({@link #OTHER_ALLOWED_OPS}), and the graph defines no
 *       functions (which could hide ops);
 *   <li>it declares no init or main op that loading would run.
 * </ul>
 * Stateless and thread-safe.
 */
final class ServingGraphValidator {
  /** Ops allowed in the serving computation. */
  static final Set<String> SERVING_OPS = Set.of(
      "Placeholder", "Const", "Identity", "VariableV2", "NoOp",
      "Conv2D", "DepthwiseConv2dNative", "BiasAdd", "MatMul", "FusedBatchNormV3",
      "MaxPool", "MaxPoolV2", "AvgPool", "Mean", "Sum", "Max", "Reshape", "Squeeze",
      "ExpandDims", "Shape", "Pack", "StridedSlice", "Slice", "ConcatV2", "Pad", "PadV2", "Transpose", "ReverseV2",
      "Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Sigmoid", "Tanh", "Softplus", "Softmax",
      "LogSoftmax", "Add", "AddV2", "AddN", "Sub", "Mul", "RealDiv", "Div", "Maximum",
      "Minimum", "Square", "Sqrt", "Rsqrt", "Exp", "Log", "Neg", "Abs", "Pow", "Cast",
      "Fill", "ZerosLike", "OnesLike");

  /** Ops allowed elsewhere in the graph: variable initializers and the checkpoint saver. */
  static final Set<String> OTHER_ALLOWED_OPS = Set.of(
      "Assign", "StatelessRandomUniform", "StatelessRandomUniformV2",
      "StatelessRandomGetKeyCounterAlg", "StatelessRandomGetKeyCounter", "StatelessRandomGetAlg",
      "SaveV2", "RestoreV2", "MergeV2Checkpoints", "ShardedFilename", "StringJoin");

  private ServingGraphValidator() {}

  /** The checked serving signature: tensor names of the input and the output. */
  record Serving(String inputTensor, String outputTensor) {}

  /**
   * Validates the SavedModel in {@code modelDir}.
   *
   * @throws ModelException naming the model and the offending op or part
   */
  static Serving validate(Path modelDir) {
    Path file = modelDir.resolve("saved_model.pb");
    SavedModel model;
    try {
      model = SavedModel.parseFrom(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ModelException(modelDir + ": no saved_model.pb", e);
    } catch (IOException e) {
      throw new ModelException(file + ": unreadable SavedModel: " + e.getMessage(), e);
    }
    MetaGraphDef meta = model.getMetaGraphsList().stream()
        .filter(m -> m.getMetaInfoDef().getTagsList().contains("serve"))
        .findFirst()
        .orElseThrow(() -> new ModelException(file + ": no meta graph tagged 'serve'"));
    SignatureDef signature = meta.getSignatureDefMap().get("serving_default");
    if (signature == null || !signature.getInputsMap().containsKey("image")
        || !signature.getOutputsMap().containsKey("probabilities")) {
      throw new ModelException(file + ": no serving_default signature from 'image' to "
          + "'probabilities'");
    }
    for (String key : meta.getSignatureDefMap().keySet()) {
      if (key.startsWith("__saved_model_init_op")) {
        throw new ModelException(file + ": the model declares an init op, which loading would "
            + "run; refused");
      }
    }
    for (String key : meta.getCollectionDefMap().keySet()) {
      if (key.equals("saved_model_main_op") || key.equals("legacy_init_op")
          || key.equals("init_op")) {
        throw new ModelException(file + ": the model declares a main op (" + key
            + "), which loading would run; refused");
      }
    }
    GraphDef graph = meta.getGraphDef();
    if (graph.getLibrary().getFunctionCount() > 0) {
      throw new ModelException(file + ": the graph defines functions, which could hide "
          + "operations; refused");
    }
    Map<String, NodeDef> nodes = new HashMap<>();
    Set<String> foreign = new TreeSet<>();
    for (NodeDef node : graph.getNodeList()) {
      nodes.put(node.getName(), node);
      if (!SERVING_OPS.contains(node.getOp()) && !OTHER_ALLOWED_OPS.contains(node.getOp())) {
        foreign.add(node.getOp() + " (node '" + node.getName() + "')");
      }
    }
    String input = signature.getInputsMap().get("image").getName();
    String output = signature.getOutputsMap().get("probabilities").getName();
    Set<String> forbidden = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.add(nodeName(output));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!seen.add(name)) {
        continue;
      }
      NodeDef node = nodes.get(name);
      if (node == null) {
        throw new ModelException(file + ": the serving signature refers to a missing node '"
            + name + "'");
      }
      if (!SERVING_OPS.contains(node.getOp())) {
        forbidden.add(node.getOp() + " (node '" + name + "')");
      }
      for (String in : node.getInputList()) {
        pending.add(nodeName(in));
      }
    }
    if (!forbidden.isEmpty()) {
      throw new ModelException(file + ": the serving computation contains operations outside "
          + "the allow-list: " + String.join(", ", forbidden) + "; refused");
    }
    if (!foreign.isEmpty()) {
      throw new ModelException(file + ": the graph contains operations outside the allow-list: "
          + String.join(", ", foreign) + "; refused");
    }
    if (!seen.contains(nodeName(input))) {
      throw new ModelException(file + ": the output 'probabilities' does not depend on the "
          + "input 'image'");
    }
    return new Serving(input, output);
  }

  /** {@code name} from {@code name:0} or {@code ^name}. */
  static String nodeName(String tensor) {
    String s = tensor.startsWith("^") ? tensor.substring(1) : tensor;
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }
}
