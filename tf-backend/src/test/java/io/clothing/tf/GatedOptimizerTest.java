package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.OptimizerSpec;
import io.clothing.api.OptimizerType;
import io.clothing.api.ScheduleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Each optimizer's first steps against the textbook update, computed here in double precision,
 * on the loss {@code 0.5 * sum((w - target)^2)} whose gradient is {@code w - target}.
 */
class GatedOptimizerTest {
  private static final float[] START = {0.5f, -1.0f, 2.0f};
  private static final float[] TARGET = {1.0f, 1.0f, -1.0f};
  private static final double LR = 0.1;

  private static OptimizerSpec spec(OptimizerType type, double momentum, boolean nesterov,
      double decay) {
    return new OptimizerSpec(type, LR, momentum, 0.9, nesterov, 0.9, 0.999, 1e-7, decay,
        ScheduleSpec.CONSTANT);
  }

  /** Runs {@code steps} updates in TensorFlow and returns w after each. */
  private static float[][] run(OptimizerSpec spec, int steps) {
    try (Graph g = new Graph()) {
      GraphBuilder b = new GraphBuilder(g, 1);
      Ops tf = b.tf();
      Variable<TFloat32> w = tf.withName("w").variable(tf.withInitScope().constant(START));
      Operand<TFloat32> diff = tf.math.sub(w, tf.constant(TARGET));
      Operand<TFloat32> loss = tf.math.mul(tf.constant(0.5f),
          tf.sum(tf.math.square(diff), tf.constant(0)));
      Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {w.asOutput()});
      List<Op> updates = GatedOptimizer.updates(b, List.of(w), List.of(w), grads, spec,
          tf.constant((float) LR));
      Op train = tf.withControlDependencies(List.of(
          tf.withControlDependencies(updates).assignAdd(b.step(), tf.constant(1L)))).noOp();
      float[][] out = new float[steps][3];
      try (Session s = new Session(g)) {
        s.initialize();
        for (int i = 0; i < steps; i++) {
          s.runner().addTarget(train).run().close();
          try (Result r = s.runner().fetch("w").run()) {
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out[i], false, false));
          }
        }
      }
      return out;
    }
  }

  private static void assertMatches(float[][] actual, double[][] expected) {
    for (int step = 0; step < expected.length; step++) {
      for (int i = 0; i < 3; i++) {
        assertThat((double) actual[step][i]).as("step %d, w[%d]", step + 1, i)
            .isCloseTo(expected[step][i], within(2e-6));
      }
    }
  }

  @Test
  void plainSgd() {
    double[] w = {0.5, -1.0, 2.0};
    double[][] expected = new double[3][];
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < 3; i++) {
        w[i] -= LR * (w[i] - TARGET[i]);
      }
      expected[s] = w.clone();
    }
    assertMatches(run(spec(OptimizerType.SGD, 0, false, 0), 3), expected);
  }

  @Test
  void sgdWithMomentumAndNesterov() {
    for (boolean nesterov : new boolean[] {false, true}) {
      double[] w = {0.5, -1.0, 2.0};
      double[] a = new double[3];
      double[][] expected = new double[3][];
      for (int s = 0; s < 3; s++) {
        for (int i = 0; i < 3; i++) {
          double g = w[i] - TARGET[i];
          a[i] = 0.9 * a[i] + g;
          w[i] -= nesterov ? LR * (g + 0.9 * a[i]) : LR * a[i];
        }
        expected[s] = w.clone();
      }
      assertMatches(run(spec(OptimizerType.SGD, 0.9, nesterov, 0), 3), expected);
    }
  }

  @Test
  void rmsprop() {
    double[] w = {0.5, -1.0, 2.0};
    double[] ms = new double[3];
    double[][] expected = new double[3][];
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < 3; i++) {
        double g = w[i] - TARGET[i];
        ms[i] = 0.9 * ms[i] + 0.1 * g * g;
        w[i] -= LR * g / Math.sqrt(ms[i] + 1e-7);
      }
      expected[s] = w.clone();
    }
    assertMatches(run(spec(OptimizerType.RMSPROP, 0, false, 0), 3), expected);
  }

  @Test
  void rmspropWithMomentum() {
    // TensorFlow's ApplyRMSProp: ms = rho ms + (1 - rho) g^2; mom = momentum mom
    // + lr g / sqrt(ms + eps); w -= mom (rho 0.9, momentum 0.5)
    double[] w = {0.5, -1.0, 2.0};
    double[] ms = new double[3];
    double[] mom = new double[3];
    double[][] expected = new double[3][];
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < 3; i++) {
        double g = w[i] - TARGET[i];
        ms[i] = 0.9 * ms[i] + 0.1 * g * g;
        mom[i] = 0.5 * mom[i] + LR * g / Math.sqrt(ms[i] + 1e-7);
        w[i] -= mom[i];
      }
      expected[s] = w.clone();
    }
    assertMatches(run(spec(OptimizerType.RMSPROP, 0.5, false, 0), 3), expected);
  }

  private static double[][] adam(boolean nesterov, double decay) {
    double[] w = {0.5, -1.0, 2.0};
    double[] m = new double[3];
    double[] v = new double[3];
    double[][] expected = new double[3][];
    for (int s = 1; s <= 3; s++) {
      double lrT = LR * Math.sqrt(1 - Math.pow(0.999, s)) / (1 - Math.pow(0.9, s));
      for (int i = 0; i < 3; i++) {
        double g = w[i] - TARGET[i];
        w[i] -= LR * decay * w[i];
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double direction = nesterov ? 0.9 * m[i] + 0.1 * g : m[i];
        w[i] -= lrT * direction / (Math.sqrt(v[i]) + 1e-7);
      }
      expected[s - 1] = w.clone();
    }
    return expected;
  }

  @Test
  void adamNadamAndAdamW() {
    assertMatches(run(spec(OptimizerType.ADAM, 0, false, 0), 3), adam(false, 0));
    assertMatches(run(spec(OptimizerType.NADAM, 0, false, 0), 3), adam(true, 0));
    assertMatches(run(spec(OptimizerType.ADAMW, 0, false, 0.05), 3), adam(false, 0.05));
  }

  @Test
  void updatesAreReproducible() {
    OptimizerSpec adam = spec(OptimizerType.ADAM, 0, false, 0);
    assertThat(run(adam, 5)).isDeepEqualTo(run(adam, 5));
  }
}
