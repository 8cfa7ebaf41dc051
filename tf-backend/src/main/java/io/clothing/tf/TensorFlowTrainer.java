package io.clothing.tf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Batch;
import io.clothing.api.BatchProgress;
import io.clothing.api.EarlyStoppingSpec;
import io.clothing.api.EpochBatches;
import io.clothing.api.EpochMetrics;
import io.clothing.api.ModelDirectories;
import io.clothing.api.ModelException;
import io.clothing.api.ModelTrainer;
import io.clothing.api.MonitoredMetric;
import io.clothing.api.StopSignal;
import io.clothing.api.TrainingHistory;
import io.clothing.api.TrainingListener;
import io.clothing.api.ScheduleSpec;
import io.clothing.api.ScheduleType;
import io.clothing.api.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a recipe's model with TensorFlow: epochs of gated optimizer steps on the training
 * batches, validation after each epoch, listener callbacks, early stopping with restore of the
 * best weights, and a checkpoint after every epoch in the job's work directory. A run stopped by
 * its {@link StopSignal} (or killed) continues with {@code resume}: the checkpoint holds the
 * weights, moving statistics, optimizer slots and step counter, and the data order is a function
 * of (seed, epoch), so a resumed run takes exactly the steps the uninterrupted run would have.
 *
 * <p>Runs with the same seed and thread count give the same weights. The finished model is
 * exported with {@link ServingExport}. Thread-safe: concurrent runs share nothing but the thread
 * counts.
 */
public final class TensorFlowTrainer implements ModelTrainer {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String STATE = "state.json";

  private final TensorFlowRuntime runtime;

  /** A trainer with the thread counts of {@link TensorFlowRuntime#forTraining()}. */
  public TensorFlowTrainer() {
    this(TensorFlowRuntime.forTraining());
  }

  /**
   * A trainer with the given thread counts. Models this process loads for prediction from now on
   * use the training thread counts too (see {@link TensorFlowRuntime#forInference()}).
   */
  public TensorFlowTrainer(TensorFlowRuntime runtime) {
    this.runtime = runtime;
    TensorFlowRuntime.expectTraining();
  }

  @Override
  public String name() {
    return TensorFlowBackend.NAME;
  }

  /** Where training stands, saved with every checkpoint. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record State(int epoch, int batch, double lossSum, double correct, long images,
      double seconds, List<EpochMetrics> history, double bestValue, int bestEpoch,
      int staleEpochs, String checkpoint, String bestCheckpoint, ScheduleSpec.Plateau plateau) {

    /** The same state with {@code plateau}. */
    State withPlateau(ScheduleSpec.Plateau next) {
      return new State(epoch, batch, lossSum, correct, images, seconds, history, bestValue,
          bestEpoch, staleEpochs, checkpoint, bestCheckpoint, next);
    }
  }

  @Override
  public TrainingResult train(TrainingJob job, TrainingListener listener, StopSignal stop) {
    TrainingRecipe recipe = job.recipe();
    Path checkpoints = job.workDir().resolve("checkpoints");
    EarlyStoppingSpec early = recipe.earlyStopping();
    MonitoredMetric monitor = early == null ? MonitoredMetric.VAL_LOSS : early.monitor();

    deleteUnfinishedStateFiles(job.workDir());
    try (TrainingGraph graph = TrainingGraph.build(recipe, runtime)) {
      ScheduleSpec schedule = recipe.optimizer().schedule();
      boolean plateau = schedule.type() == ScheduleType.REDUCE_ON_PLATEAU;
      State state = new State(0, 0, 0, 0, 0, 0, List.of(), Double.NaN, 0, 0, null, null,
          ScheduleSpec.Plateau.start(recipe.optimizer().learningRate()));
      if (job.resume()) {
        state = readState(job.workDir());
        if (state.plateau() == null) { // a checkpoint of an older version
          state = state.withPlateau(ScheduleSpec.Plateau.start(
              recipe.optimizer().learningRate()));
        }
        graph.restore(checkpoints.resolve(state.checkpoint()));
      }
      EpochBatches training = job.training();
      int batches = training.batchesPerEpoch();
      int scheduledEpochs = recipe.scheduledEpochs();
      long totalSteps = (long) scheduledEpochs * batches;
      WeightAverage average = job.resume() && recipe.weightAveraging() != null
          ? readAverage(graph.network(), checkpoints, state, scheduledEpochs)
          : new WeightAverage();
      List<EpochMetrics> history = new ArrayList<>(state.history());
      int firstEpoch = state.batch() > 0 ? state.epoch() : state.epoch() + 1;
      boolean earlyStopped = false;

      for (int epoch = firstEpoch; epoch <= recipe.epochs() && !earlyStopped; epoch++) {
        boolean continuing = epoch == state.epoch() && state.batch() > 0;
        // a resumed epoch's clock includes the time spent on it before the stop
        long start = System.nanoTime() - (continuing ? (long) (state.seconds() * 1e9) : 0);
        int skip = continuing ? state.batch() : 0;
        double lossSum = continuing ? state.lossSum() : 0;
        double correct = continuing ? state.correct() : 0;
        long images = continuing ? state.images() : 0;
        double lr = 0;
        Iterator<Batch> it = training.epoch(epoch);
        for (int b = 1; it.hasNext(); b++) {
          Batch batch = it.next();
          if (b <= skip) {
            continue;
          }
          long step = (long) (epoch - 1) * batches + (b - 1);
          if (epoch > scheduledEpochs) {
            lr = recipe.weightAveraging().learningRate(b - 1, batches);
          } else {
            lr = plateau ? state.plateau().learningRate() : schedule.learningRate(
                recipe.optimizer().learningRate(), step, totalSteps, batches);
          }
          TrainingGraph.StepResult r = graph.step(batch, (float) lr);
          if (!Float.isFinite(r.loss())) {
            throw new ModelException("training diverged at epoch " + epoch + ", batch " + b
                + " (loss " + r.loss() + "); lower the learning rate");
          }
          lossSum += (double) r.loss() * batch.size();
          correct += r.correct();
          images += batch.size();
          listener.onBatchEnd(new BatchProgress(epoch, recipe.epochs(), b, batches, images,
              lossSum / images, correct / images, (System.nanoTime() - start) / 1e9));
          if (stop.isRequested() && b < batches) {
            String name = "epoch-" + epoch + "-batch-" + b + "/ckpt";
            graph.save(checkpoints.resolve(name));
            saveAverage(graph.network(), average, recipe.seed(), checkpoints.resolve(name));
            state = new State(epoch, b, lossSum, correct, images,
                (System.nanoTime() - start) / 1e9, history, state.bestValue(),
                state.bestEpoch(), state.staleEpochs(), name, state.bestCheckpoint(),
                state.plateau());
            commit(job.workDir(), checkpoints, state);
            return new TrainingResult(TrainingHistory.of(history), null, true);
          }
        }
        double[] validation = validate(graph, job.validation());
        EpochMetrics metrics = new EpochMetrics(epoch, lossSum / images, correct / images,
            validation[0], validation[1], lr, (System.nanoTime() - start) / 1e9);
        history.add(metrics);

        double value = metrics.value(monitor);
        boolean improved = Double.isNaN(state.bestValue())
            || (monitor == MonitoredMetric.VAL_LOSS ? value < state.bestValue()
                : value > state.bestValue());
        int stale = improved ? 0 : state.staleEpochs() + 1;
        String bestName = state.bestCheckpoint();
        if (improved && early != null) {
          bestName = "best-epoch-" + epoch + "/ckpt";
          graph.save(checkpoints.resolve(bestName));
        }
        if (epoch > scheduledEpochs) {
          average.add(graph.weights());
        }
        String name = "epoch-" + epoch + "/ckpt";
        graph.save(checkpoints.resolve(name));
        saveAverage(graph.network(), average, recipe.seed(), checkpoints.resolve(name));
        state = new State(epoch, 0, 0, 0, 0, 0, history,
            improved ? value : state.bestValue(), improved ? epoch : state.bestEpoch(), stale,
            name, bestName,
            plateau ? state.plateau().after(metrics.value(schedule.monitor()), schedule)
                : state.plateau());
        commit(job.workDir(), checkpoints, state);
        listener.onEpochEnd(metrics);
        earlyStopped = early != null && stale >= early.patience();
        if (stop.isRequested() && epoch < recipe.epochs() && !earlyStopped) {
          return new TrainingResult(TrainingHistory.of(history), null, true);
        }
      }

      Path weights = checkpoints.resolve(state.checkpoint());
      if (early != null && early.restoreBestWeights() && state.bestCheckpoint() != null) {
        weights = checkpoints.resolve(state.bestCheckpoint());
      }
      Map<String, String> provenance = provenance(job, state, early != null && earlyStopped);
      if (recipe.weightAveraging() != null) {
        weights = averagedCheckpoint(graph, average, job, checkpoints, provenance);
      }
      List<ObjectNode> stages = job.preprocessing().stream().map(ModelMetadata::savedStage)
          .toList();
      ModelMetadata metadata = ModelMetadata.create(stages, recipe, TrainingHistory.of(history),
          provenance);
      ServingExport.export(recipe, weights, metadata, job.modelDir(), runtime);
      return new TrainingResult(TrainingHistory.of(history), job.modelDir(), false);
    }
  }

  /** The running mean of the weights at the end of the averaged epochs so far. */
  private static final class WeightAverage {
    private final Map<String, float[]> mean = new LinkedHashMap<>();
    private int count;

    WeightAverage() {}

    WeightAverage(Map<String, float[]> mean, int count) {
      this.mean.putAll(mean);
      this.count = count;
    }

    void add(Map<String, float[]> weights) {
      count++;
      for (Map.Entry<String, float[]> w : weights.entrySet()) {
        float[] m = mean.computeIfAbsent(w.getKey(), k -> new float[w.getValue().length]);
        float[] x = w.getValue();
        for (int i = 0; i < m.length; i++) {
          m[i] += (x[i] - m[i]) / count;
        }
      }
    }
  }

  /** The average's checkpoint beside the training checkpoint {@code checkpoint}. */
  private static Path averagePrefix(Path checkpoint) {
    return checkpoint.resolveSibling("average");
  }

  private void saveAverage(Network network, WeightAverage average, long seed,
      Path checkpoint) {
    if (average.count > 0) {
      WeightCheckpoints.write(network, average.mean, seed, runtime, averagePrefix(checkpoint));
    }
  }

  /**
   * The average saved with the checkpoint a run resumes from: the mean over the averaged epochs
   * it completed, read (and checked) like any checkpoint.
   */
  private static WeightAverage readAverage(Network network, Path checkpoints, State state,
      int scheduledEpochs) {
    int completed = (state.batch() > 0 ? state.epoch() - 1 : state.epoch()) - scheduledEpochs;
    if (completed <= 0) {
      return new WeightAverage();
    }
    Path prefix = averagePrefix(checkpoints.resolve(state.checkpoint()));
    return new WeightAverage(TensorBundle.readFloats(prefix, network.weightShapes()), completed);
  }

  /**
   * Puts the averaged weights into the graph, measures their batch-normalization statistics on
   * one more pass over the training data, records their validation metrics in
   * {@code provenance}, and saves them as the checkpoint to export.
   */
  private static Path averagedCheckpoint(TrainingGraph graph, WeightAverage average,
      TrainingJob job, Path checkpoints, Map<String, String> provenance) {
    TrainingRecipe recipe = job.recipe();
    graph.assignWeights(average.mean);
    for (Iterator<Batch> it = job.training().epoch(recipe.epochs() + 1); it.hasNext(); ) {
      graph.refreshStatistics(it.next());
    }
    double[] validation = validate(graph, job.validation());
    provenance.put("weight_averaging", "the mean of the weights after epochs "
        + (recipe.scheduledEpochs() + 1) + "-" + recipe.epochs());
    if (!Double.isNaN(validation[1])) {
      provenance.put("averaged_val_loss", String.valueOf(validation[0]));
      provenance.put("averaged_val_accuracy", String.valueOf(validation[1]));
    }
    Path prefix = checkpoints.resolve("averaged/ckpt");
    graph.save(prefix);
    return prefix;
  }

  private Map<String, String> provenance(TrainingJob job, State state, boolean earlyStopped) {
    Map<String, String> out = new LinkedHashMap<>(job.provenance());
    out.put("created", Instant.now().toString());
    out.put("seed", String.valueOf(job.recipe().seed()));
    out.put("library_version", libraryVersion());
    out.put("tensorflow_version", TensorFlowRuntime.tensorFlowVersion());
    out.put("intra_op_threads", String.valueOf(runtime.intraOpThreads()));
    out.put("epochs_trained", String.valueOf(state.epoch()));
    if (earlyStopped) {
      out.put("early_stopped_at_epoch", String.valueOf(state.epoch()));
      out.put("best_epoch", String.valueOf(state.bestEpoch()));
    }
    return out;
  }

  /** The library version from the jar manifest, or {@code development}. */
  static String libraryVersion() {
    String v = TensorFlowTrainer.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /** Mean loss and accuracy on the validation batches; NaN without validation data. */
  private static double[] validate(TrainingGraph graph, EpochBatches validation) {
    if (validation == null || validation.size() == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double loss = 0;
    double correct = 0;
    long n = 0;
    for (Iterator<Batch> it = validation.epoch(1); it.hasNext(); ) {
      Batch batch = it.next();
      TrainingGraph.StepResult r = graph.evaluate(batch);
      loss += r.loss();
      correct += r.correct();
      n += batch.size();
    }
    return new double[] {loss / n, correct / n};
  }

  private static State readState(Path workDir) {
    Path file = workDir.resolve(STATE);
    try {
      return JSON.readValue(file.toFile(), State.class);
    } catch (IOException e) {
      throw new ModelException("cannot resume: " + file + " is missing or unreadable ("
          + e.getMessage() + "); train without resume to start afresh", e);
    }
  }

  /**
   * Records {@code state} (atomically) as the one to resume from, then deletes the checkpoints it
   * no longer names: a crash at any moment leaves a state file naming a complete checkpoint.
   */
  private static void commit(Path workDir, Path checkpoints, State state) {
    writeState(workDir, state);
    try (var dirs = Files.list(checkpoints)) {
      for (Path dir : dirs.toList()) {
        String name = dir.getFileName() + "/ckpt";
        if (!name.equals(state.checkpoint()) && !name.equals(state.bestCheckpoint())) {
          ModelDirectories.deleteTree(dir);
        }
      }
    } catch (IOException e) {
      // stale checkpoints only cost disk space
    }
  }

  /** Removes state files that a kill left half-written; the committed state is never one. */
  private static void deleteUnfinishedStateFiles(Path workDir) {
    if (!Files.isDirectory(workDir)) {
      return;
    }
    try (var temps = Files.newDirectoryStream(workDir, STATE + "*.tmp")) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      // a leftover only costs disk space
    }
  }

  private static void writeState(Path workDir, State state) {
    try {
      Files.createDirectories(workDir);
      Path temp = Files.createTempFile(workDir, STATE, ".tmp");
      JSON.writeValue(temp.toFile(), state);
      Files.move(temp, workDir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ModelException("cannot write the training state into " + workDir + ": " + e, e);
    }
  }
}
