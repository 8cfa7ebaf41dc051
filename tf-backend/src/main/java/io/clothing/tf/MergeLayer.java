package io.clothing.tf;

import java.util.List;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' merge layers, which take two or more inputs: {@code Add} (inputs of one shape, summed),
 * {@code Average} (inputs of one shape, their element-wise mean; an ensemble's logits) and
 * {@code Concatenate} (inputs equal but for the channel axis, joined along it).
 */
final class MergeLayer extends AbstractLayer {
  enum Kind {
    ADD("Add"), AVERAGE("Average"), CONCATENATE("Concatenate");

    private final String kerasClass;

    Kind(String kerasClass) {
      this.kerasClass = kerasClass;
    }

    /** Whether every input must have the output's shape (element-wise merges). */
    boolean elementWise() {
      return this != CONCATENATE;
    }
  }

  private final Kind kind;
  private final List<FeatureShape> inputs;
  private final FeatureShape output;

  /**
   * @param inputs the shapes of the inputs, in order; already checked by {@link #check}
   */
  MergeLayer(String name, Kind kind, List<FeatureShape> inputs) {
    super(name, inputs.get(0));
    this.kind = kind;
    this.inputs = List.copyOf(inputs);
    int channels = inputs.stream().mapToInt(FeatureShape::channels).sum();
    FeatureShape first = inputs.get(0);
    this.output = kind.elementWise() ? first
        : first.isImage() ? FeatureShape.image(first.height(), first.width(), channels)
            : FeatureShape.flat(channels);
  }

  /**
   * Why {@code inputs} cannot be merged by {@code kind}, or null if they can.
   */
  static String check(Kind kind, List<FeatureShape> inputs, List<String> names) {
    if (inputs.size() < 2) {
      return "needs at least 2 inputs, got " + inputs.size();
    }
    FeatureShape first = inputs.get(0);
    for (FeatureShape shape : inputs) {
      boolean fits = kind.elementWise() ? shape.equals(first)
          : shape.isImage() == first.isImage() && (!shape.isImage()
              || (shape.height() == first.height() && shape.width() == first.width()));
      if (!fits) {
        String all = java.util.stream.IntStream.range(0, inputs.size())
            .mapToObj(i -> inputs.get(i).toKeras() + " from '" + names.get(i) + "'")
            .collect(Collectors.joining(", "));
        return kind.elementWise() ? "needs inputs of one shape, got " + all
            : "needs inputs that differ only in channels, got " + all;
      }
    }
    return null;
  }

  /** The shapes of all inputs, in order. */
  List<FeatureShape> inputShapes() {
    return inputs;
  }

  @Override
  public String kerasClass() {
    return kind.kerasClass;
  }

  @Override
  public FeatureShape outputShape() {
    return output;
  }

  @Override
  public long flops() {
    return switch (kind) {
      case ADD -> (inputs.size() - 1) * output.size();
      case AVERAGE -> inputs.size() * output.size(); // the sums, then one scaling
      case CONCATENATE -> 0;
    };
  }

  /** Merges the inputs' values, given in the order of {@link #inputShapes()}. */
  Operand<TFloat32> merge(GraphBuilder graph, List<Operand<TFloat32>> values) {
    Ops tf = graph.tf();
    if (kind == Kind.CONCATENATE) {
      return tf.concat(values, tf.constant(-1));
    }
    Operand<TFloat32> sum = values.get(0);
    for (int i = 1; i < values.size(); i++) {
      sum = tf.math.add(sum, values.get(i));
    }
    return kind == Kind.ADD ? sum : tf.math.mul(sum, tf.constant(1f / values.size()));
  }

  /** A merge layer has several inputs: use {@link #merge}. */
  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    throw new IllegalStateException(name + " merges several inputs");
  }
}
