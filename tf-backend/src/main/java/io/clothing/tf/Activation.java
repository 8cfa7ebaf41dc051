package io.clothing.tf;

import io.clothing.api.RecipeValues;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise activations, named as in Keras. */
public enum Activation implements RecipeValues {
  /** The identity. */
  LINEAR("linear", 0),
  /** {@code max(0, x)}. */
  RELU("relu", 1),
  /** {@code min(max(0, x), 6)}. */
  RELU6("relu6", 2),
  /** Exponential linear unit. */
  ELU("elu", 4),
  /** Scaled ELU. */
  SELU("selu", 5),
  /** {@code x} if positive, else {@code 0.2 x} (TensorFlow's default slope). */
  LEAKY_RELU("leaky_relu", 2),
  /** Logistic sigmoid. */
  SIGMOID("sigmoid", 4),
  /** Hyperbolic tangent. */
  TANH("tanh", 4),
  /** {@code log(1 + exp(x))}. */
  SOFTPLUS("softplus", 4),
  /** {@code x * sigmoid(x)} (also called SiLU). */
  SWISH("swish", 5),
  /** Softmax over the last axis. */
  SOFTMAX("softmax", 5);

  private final String id;
  private final int flopsPerValue;

  Activation(String id, int flopsPerValue) {
    this.id = id;
    this.flopsPerValue = flopsPerValue;
  }

  @Override
  public String id() {
    return id;
  }

  /** Approximate floating-point operations per activated value. */
  public int flopsPerValue() {
    return flopsPerValue;
  }

  /** The activation named {@code id}, or null if none is. */
  static Activation byId(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst().orElse(null);
  }

  /** All ids, for messages. */
  static String ids() {
    return String.join(", ", Arrays.stream(values()).map(Activation::id).toList());
  }

  /** Applies the activation. */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case RELU6 -> tf.nn.relu6(x);
      case ELU -> tf.nn.elu(x);
      case SELU -> tf.nn.selu(x);
      case LEAKY_RELU -> tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(0.2f));
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTPLUS -> tf.math.softplus(x);
      case SWISH -> tf.math.mul(x, tf.math.sigmoid(x));
      case SOFTMAX -> tf.nn.softmax(x);
    };
  }
}
