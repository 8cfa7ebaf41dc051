package io.clothing.spark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clothing score}: classifies every image file under a directory or glob with Spark and
 * writes one row per file (path, garment, garment_index, confidence, probabilities, error). Runs
 * in local mode from the command line, or on a cluster through {@code spark-submit}, which sets
 * the master.
 *
 * <p>Exit codes: 0 success (unreadable images are rows with {@code error} set), 2 bad arguments,
 * 1 any other failure.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Classify a whole catalog of image files with Apache Spark: one row per file "
        + "with the garment, its index, the confidence, the ten probabilities, and an error "
        + "message for a file that is not a readable image (the job goes on)."})
public final class Score implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "DIR|GLOB",
      description = "Image files: a directory (read recursively) or a glob such as "
          + "'photos/*.jpg', on any Hadoop file system.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "PATH",
      description = "Where to write the results (a directory, as Spark writes).")
  String output;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
      description = "parquet, csv or json (default: ${DEFAULT-VALUE}). CSV holds the "
          + "probabilities as one space-separated text.")
  String format;

  @Option(names = "--model", defaultValue = ExecutorClassifiers.PRETRAINED, paramLabel = "DIR",
      description = "A model directory (any Hadoop file system) or 'pretrained' "
          + "(default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: what spark-submit set, else local[*]).")
  String master;

  @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
      description = "Images per TensorFlow run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command with the given output streams and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Score());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + e.getMessage());
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage()
          + " (see 'clothing score --help')");
      return 2;
    });
    return cli.execute(args);
  }

  /** Refuses, as a bad argument, an input that names no file on its file system. */
  static void requireInput(String input) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(input);
    try {
      org.apache.hadoop.fs.FileStatus[] found = path.getFileSystem(
          new org.apache.hadoop.conf.Configuration()).globStatus(path);
      if (found == null || found.length == 0) {
        throw new IllegalArgumentException("--input " + input + ": no such file or directory");
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--input " + input + ": cannot list it ("
          + e.getMessage() + ")", e);
    }
  }

  @Override
  public Integer call() {
    String kind = format.toLowerCase(Locale.ROOT);
    if (!java.util.List.of("parquet", "csv", "json").contains(kind)) {
      throw new IllegalArgumentException("--format must be parquet, csv or json, got " + format);
    }
    requireInput(input);
    PrintWriter out = spec.commandLine().getOut();
    // a catalog is many small files: count each as 64 KB, not Spark's 4 MB, so that a task
    // classifies hundreds of them rather than 32
    SparkSession.Builder builder = SparkSession.builder().appName("clothing score")
        .config("spark.sql.files.openCostInBytes", String.valueOf(64 * 1024));
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      long start = System.nanoTime();
      Dataset<Row> files = spark.read().format("binaryFile")
          .option("recursiveFileLookup", !input.contains("*") && !input.contains("?"))
          .load(input);
      Dataset<Row> scored = new ClothingClassifier().setModelPath(model)
          .setBatchSize(batchSize).transform(files)
          .drop("content", "modificationTime", "length");
      if (kind.equals("csv")) {
        scored = scored.withColumn("probabilities",
            functions.concat_ws(" ", functions.col("probabilities").cast("array<string>")));
      }
      scored.write().mode("overwrite").format(kind).option("header", "true").save(output);
      // read back with the written schema: JSON leaves out the columns that are null throughout
      Dataset<Row> written = spark.read().schema(scored.schema()).format(kind)
          .option("header", "true").load(output);
      // one pass over the results: all rows, and those with an error (count skips nulls)
      Row counts = written.agg(functions.count(functions.lit(1)),
          functions.count(functions.col("error"))).first();
      long rows = counts.getLong(0);
      long errors = counts.getLong(1);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf("Scored %,d images (%,d unreadable) in %.1f s: %,.0f images/s; results in %s%n",
          rows, errors, seconds, rows / seconds, output);
      out.flush();
      return 0;
    } finally {
      spark.stop();
    }
  }
}
