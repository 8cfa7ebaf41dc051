package io.clothing.tf;

import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a network's weights, given as plain arrays, as a TensorFlow checkpoint of its variables,
 * which {@link TensorBundle#readFloats} and {@link ServingExport} read back. Stateless and
 * thread-safe.
 */
final class WeightCheckpoints {
  private WeightCheckpoints() {}

  /**
   * Writes {@code weights} (every name of {@code network.weightShapes()}, row-major) to the
   * checkpoint at {@code prefix}, whose folder must exist.
   */
  static void write(Network network, Map<String, float[]> weights, long seed,
      TensorFlowRuntime runtime, java.nio.file.Path prefix) {
    try (Graph graph = new Graph()) {
      GraphBuilder builder = new GraphBuilder(graph, seed);
      network.createVariables(builder);
      Ops tf = builder.tf();
      try (Session session = runtime.newSession(graph)) {
        for (Map.Entry<String, long[]> weight : network.weightShapes().entrySet()) {
          Operand<TFloat32> variable = graph.operation(weight.getKey()).output(0);
          Placeholder<TFloat32> feed = tf.placeholder(TFloat32.class);
          try (TFloat32 value = TFloat32.tensorOf(Shape.of(weight.getValue()),
              DataBuffers.of(weights.get(weight.getKey()), true, false))) {
            session.runner().feed(feed, value).addTarget(tf.assign(variable, feed)).run();
          }
        }
        session.save(prefix.toString());
      }
    }
  }
}
