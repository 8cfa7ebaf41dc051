package io.clothing.tf;

import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;

/**
 * How many threads TensorFlow uses. The intra-op count changes results in the last bits (runs are
 * reproducible for a fixed count), so it is fixed rather than left to TensorFlow's default.
 *
 * <p>Defaults: intra-op threads = available processors, inter-op threads = 1; override with the
 * system properties {@code clothing.tf.intraOpThreads} and {@code clothing.tf.interOpThreads}.
 * Immutable and thread-safe.
 *
 * @param intraOpThreads threads inside one op (a convolution), at least 1
 * @param interOpThreads ops run in parallel, at least 1
 */
public record TensorFlowRuntime(int intraOpThreads, int interOpThreads) {

  /** Validates the counts. */
  public TensorFlowRuntime {
    if (intraOpThreads < 1 || interOpThreads < 1) {
      throw new IllegalArgumentException("thread counts must be at least 1, got "
          + intraOpThreads + " and " + interOpThreads);
    }
  }

  /** The defaults, or the system properties when set. */
  public static TensorFlowRuntime fromSystemProperties() {
    return new TensorFlowRuntime(
        Integer.getInteger("clothing.tf.intraOpThreads",
            Runtime.getRuntime().availableProcessors()),
        Integer.getInteger("clothing.tf.interOpThreads", 1));
  }

  /** The session configuration. */
  ConfigProto config() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .build();
  }

  /** The native TensorFlow runtime's version, such as {@code 2.18.0}. */
  public static String tensorFlowVersion() {
    return TensorFlow.version();
  }
}
