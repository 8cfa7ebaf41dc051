package io.clothing.tf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How many threads TensorFlow uses. The intra-op count changes results in the last bits (runs are
 * reproducible for a fixed count), so it is fixed rather than left to TensorFlow's default.
 *
 * <p>Two settings suit two jobs. Training ({@link #forTraining()}) spreads each op over every
 * processor: one training step is a long chain of large ops. Inference ({@link #forInference()})
 * runs each op on one thread and as many TensorFlow runs side by side as there are processors:
 * the ops of a small batch are too short to be worth splitting (a 2-core machine answers one
 * image of the pretrained model in about 0.6 ms this way against 1 ms with both threads on one
 * op), and {@code TensorFlowClassifier} spreads larger batches over parallel runs instead.
 * The system properties {@code clothing.tf.intraOpThreads} and {@code clothing.tf.interOpThreads}
 * override both.
 *
 * <p>TensorFlow sizes its intra-op thread pool once per process, from the first session
 * created: later sessions share that pool whatever they ask for. So a process that trains first
 * serves with the training pool (correct, slower on small batches), and one that serves
 * first trains on the inference pool (one thread per op: about 60% of the training speed on 2
 * cores). {@link #processIntraOpThreads()} tells which pool is in effect, as far as this
 * library's sessions go.
 *
 * <p>bfloat16 inference is off unless asked for with the system property
 * {@code clothing.tf.bfloat16=true}, and then on only where the processor computes in bfloat16
 * ({@link #cpuComputesBfloat16()}): TensorFlow's oneDNN rewrite runs convolutions and matrix
 * products in bfloat16 with float32 accumulation. On a 2-core AMD EPYC with AVX512_BF16 this
 * serves the pretrained model 1.5-1.7 times as fast, at 95.37% test accuracy against 95.35%;
 * but probabilities move in the third digit, so the committed reference metrics hold exactly only
 * without it. Immutable and thread-safe.
 *
 * @param intraOpThreads threads inside one op (a convolution), at least 1
 * @param interOpThreads ops, or whole runs, executed in parallel, at least 1
 * @param bfloat16 whether sessions run convolutions and matrix products in bfloat16
 */
public record TensorFlowRuntime(int intraOpThreads, int interOpThreads, boolean bfloat16) {
  /** The intra-op count of this process's first session; 0 before there is one. */
  private static final AtomicInteger FIRST_SESSION_INTRA_OP_THREADS = new AtomicInteger();

  /** Whether this process has a trainer, so that its first session should be a training one. */
  private static volatile boolean trainingExpected;

  /** The processor flags (Linux {@code /proc/cpuinfo}) that mean bfloat16 arithmetic. */
  private static final Set<String> BFLOAT16_FLAGS = Set.of("avx512_bf16", "amx_bf16");

  /** Validates the counts. */
  public TensorFlowRuntime {
    if (intraOpThreads < 1 || interOpThreads < 1) {
      throw new IllegalArgumentException("thread counts must be at least 1, got "
          + intraOpThreads + " and " + interOpThreads);
    }
  }

  /** The given thread counts, in float32. */
  public TensorFlowRuntime(int intraOpThreads, int interOpThreads) {
    this(intraOpThreads, interOpThreads, false);
  }

  /**
   * The setting for training: intra-op threads = available processors, inter-op threads = 1,
   * or the system properties when set.
   */
  public static TensorFlowRuntime forTraining() {
    return fromSystemProperties(Runtime.getRuntime().availableProcessors(), 1, false);
  }

  /**
   * The setting for inference: one intra-op thread, inter-op threads = available processors, or
   * the system properties when set; bfloat16 if {@code clothing.tf.bfloat16} is {@code true} and
   * the processor computes in it. In a process that has created a {@link TensorFlowTrainer}, the
   * training thread counts instead: its pool is, or is about to be, sized for training, even when
   * a model predicts before training starts (a distillation teacher, say).
   */
  public static TensorFlowRuntime forInference() {
    int processors = Runtime.getRuntime().availableProcessors();
    boolean bfloat16 = Boolean.getBoolean("clothing.tf.bfloat16") && cpuComputesBfloat16();
    return trainingExpected ? fromSystemProperties(processors, 1, bfloat16)
        : fromSystemProperties(1, processors, bfloat16);
  }

  /** Marks this process as one that trains; see {@link #forInference()}. */
  static void expectTraining() {
    trainingExpected = true;
  }

  private static TensorFlowRuntime fromSystemProperties(int intraOpThreads, int interOpThreads,
      boolean bfloat16) {
    return new TensorFlowRuntime(
        Integer.getInteger("clothing.tf.intraOpThreads", intraOpThreads),
        Integer.getInteger("clothing.tf.interOpThreads", interOpThreads), bfloat16);
  }

  /**
   * Whether this processor has bfloat16 instructions (AVX512_BF16 or AMX-BF16), read from
   * {@code /proc/cpuinfo}; false where that cannot be read (not Linux).
   */
  public static boolean cpuComputesBfloat16() {
    try {
      return hasBfloat16Flag(Files.readString(Path.of("/proc/cpuinfo")));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a {@code /proc/cpuinfo} text lists a bfloat16 flag on its first "flags" line. */
  static boolean hasBfloat16Flag(String cpuinfo) {
    for (String line : cpuinfo.split("\n")) {
      if (line.startsWith("flags")) {
        String flags = line.substring(line.indexOf(':') + 1).strip();
        return Arrays.stream(flags.split("\\s+")).anyMatch(BFLOAT16_FLAGS::contains);
      }
    }
    return false;
  }

  /**
   * The intra-op thread count TensorFlow's pool has in this process: that of the first session
   * this library created, or 0 if it has created none yet. A session created outside this
   * library before ours may have set another, which this cannot see.
   */
  public static int processIntraOpThreads() {
    return FIRST_SESSION_INTRA_OP_THREADS.get();
  }

  /**
   * How many TensorFlow runs of one batch are worth running side by side: the inter-op count
   * when each op runs on one thread in this process, else 1 (ops already use every thread).
   */
  int parallelRuns() {
    int processThreads = processIntraOpThreads();
    int poolThreads = processThreads == 0 ? intraOpThreads : processThreads;
    return poolThreads == 1 ? interOpThreads : 1;
  }

  /** A session over {@code graph} with this setting; the caller closes it. */
  Session newSession(Graph graph) {
    FIRST_SESSION_INTRA_OP_THREADS.compareAndSet(0, intraOpThreads);
    return new Session(graph, config());
  }

  /** The session configuration. */
  private ConfigProto config() {
    ConfigProto.Builder config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads);
    if (bfloat16) {
      config.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
          RewriterConfig.newBuilder().setAutoMixedPrecisionOnednnBfloat16(
              RewriterConfig.Toggle.ON)));
    }
    return config.build();
  }

  /** The native TensorFlow runtime's version, such as {@code 2.18.0}. */
  public static String tensorFlowVersion() {
    return TensorFlow.version();
  }
}
