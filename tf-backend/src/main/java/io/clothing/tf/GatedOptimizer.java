package io.clothing.tf;

import io.clothing.api.OptimizerSpec;
import io.clothing.api.OptimizerType;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * Builds an optimizer's update ops on TensorFlow's fused kernels ({@code ApplyAdam},
 * {@code ApplyRMSProp}, {@code ApplyMomentum}, {@code ApplyGradientDescent}). Every update is
 * gated behind all gradients, so no variable changes while another gradient still reads it (the
 * race in tensorflow-framework's {@code Adam}); the bias-correction step count is read from the
 * graph's step counter, which is incremented only after all updates. Slots are zero-initialised
 * {@code VariableV2}s named {@code <variable>_<slot>}, saved with checkpoints.
 *
 * <p>The maths, with learning rate {@code lr} fed each step:
 * <ul>
 *   <li>SGD: {@code a = m a + g; w -= lr a} (Nesterov: {@code w -= lr (g + m a)}); without
 *       momentum {@code w -= lr g};
 *   <li>RMSprop: {@code s = rho s + (1 - rho) g^2; m = momentum m + lr g / sqrt(s + eps);
 *       w -= m} (TensorFlow's ApplyRMSProp; momentum 0 by default, as in Keras);
 *   <li>Adam: {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 *       w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)}; Nadam is the same kernel with
 *       Nesterov's look-ahead ({@code b1 m + (1 - b1) g} in place of {@code m});
 *   <li>weight decay ({@code weight_decay > 0}, any optimizer, AdamW-style decoupled): kernels
 *       first shrink by {@code w -= lr wd w}, then take the update.
 * </ul>
 */
final class GatedOptimizer {
  private GatedOptimizer() {}

  /**
   * The update ops for {@code variables} given their {@code gradients}, in the same order.
   *
   * @param decayed the variables weight decay applies to (a subset of {@code variables})
   */
  static List<Op> updates(GraphBuilder graph, List<Variable<TFloat32>> variables,
      List<Variable<TFloat32>> decayed, Output<?>[] gradients, OptimizerSpec spec,
      Operand<TFloat32> learningRate) {
    Ops tf = graph.tf();
    List<Op> gradientReady = new ArrayList<>();
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (Output<?> g : gradients) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> grad = tf.identity((Operand<TFloat32>) g);
      grads.add(grad);
      gradientReady.add(grad);
    }
    Ops gated = tf.withControlDependencies(List.of(
        tf.withControlDependencies(gradientReady).noOp()));

    Operand<TFloat32> t = gated.dtypes.cast(
        gated.math.add(gated.identity(graph.step()), gated.constant(1L)), TFloat32.class);
    Operand<TFloat32> beta1 = tf.constant((float) spec.beta1());
    Operand<TFloat32> beta2 = tf.constant((float) spec.beta2());
    Operand<TFloat32> epsilon = tf.constant((float) spec.epsilon());
    Operand<TFloat32> beta1Power = gated.math.pow(beta1, t);
    Operand<TFloat32> beta2Power = gated.math.pow(beta2, t);
    Operand<TFloat32> momentum = tf.constant((float) spec.momentum());
    Operand<TFloat32> decay = spec.weightDecay() > 0
        ? gated.math.mul(learningRate, tf.constant((float) spec.weightDecay())) : null;

    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> w = variables.get(i);
      Operand<TFloat32> grad = grads.get(i);
      Ops apply = gated;
      if (decay != null && decayed.contains(w)) {
        Op shrink = gated.assignSub(w, gated.math.mul(decay, w));
        apply = tf.withControlDependencies(List.of(shrink));
      }
      String name = w.op().name();
      long[] shape = w.shape().asArray();
      Op update = switch (spec.type()) {
        case ADAM, ADAMW, NADAM -> apply.train.applyAdam(w,
            graph.constantVariable(name + "_adam_m", shape, 0f, false),
            graph.constantVariable(name + "_adam_v", shape, 0f, false),
            beta1Power, beta2Power, learningRate, beta1, beta2, epsilon, grad,
            ApplyAdam.useNesterov(spec.type() == OptimizerType.NADAM));
        case RMSPROP -> apply.train.applyRmsProp(w,
            graph.constantVariable(name + "_rms_ms", shape, 0f, false),
            graph.constantVariable(name + "_rms_mom", shape, 0f, false),
            learningRate, tf.constant((float) spec.rho()), momentum, epsilon, grad);
        case SGD -> spec.momentum() > 0
            ? apply.train.applyMomentum(w,
                graph.constantVariable(name + "_momentum", shape, 0f, false),
                learningRate, grad, momentum, ApplyMomentum.useNesterov(spec.nesterov()))
            : apply.train.applyGradientDescent(w, learningRate, grad);
      };
      updates.add(update);
    }
    return updates;
  }
}
