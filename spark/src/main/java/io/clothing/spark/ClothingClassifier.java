package io.clothing.spark;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer} that classifies a DataFrame of clothing images into the ten
 * Fashion-MNIST classes with the library's model.
 *
 * <p>Input ({@link #inputCol()}, default {@code content}): the bytes of image files (Spark's
 * {@code binaryFile} source), the struct of Spark's {@code image} source, or 784 pixel values
 * 0-255 as an array or an ML vector (for a Kaggle CSV, assemble {@code pixel1..pixel784} with a
 * {@code VectorAssembler}). Output: the input columns plus {@code garment} (class name),
 * {@code garment_index} (0-9), {@code confidence}, {@code probabilities} (ten floats, in
 * {@code garment_index} order) and {@code error}, each name prefixed with
 * {@link #outputCol()}. A row whose image cannot be read gets null predictions and the
 * importer's message in {@code error}; one bad file never fails the job.
 *
 * <p>Each executor JVM loads the model ({@link #modelPath()}: a directory on any Hadoop file
 * system, or {@code pretrained}) once, on first use, shares it between its tasks, sets
 * TensorFlow's threads to the executor's cores, and closes it at shutdown; each partition is fed
 * in batches of {@link #batchSize()} rows. It is {@code MLWritable} and {@code MLReadable}, so it
 * saves and loads inside a {@code PipelineModel}.
 *
 * <p>Like every Spark ML stage, an instance is configured on the driver and not thread-safe
 * while being configured.
 */
public final class ClothingClassifier extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final String[] OUTPUTS = {"garment", "garment_index", "confidence",
      "probabilities", "error"};

  private final String uid;
  private final Param<String> modelPath;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam batchSize;

  /** A classifier with a new unique id and the default parameters. */
  public ClothingClassifier() {
    this(Identifiable$.MODULE$.randomUID("clothing"));
  }

  /** A classifier with the given id (Spark calls this when it loads a saved stage). */
  public ClothingClassifier(String uid) {
    this.uid = uid;
    this.modelPath = new Param<>(this, "modelPath", "the model directory on any Hadoop file "
        + "system, or 'pretrained' for the library's pretrained model");
    this.inputCol = new Param<>(this, "inputCol", "the input column: image file bytes, an "
        + "image struct, or 784 pixel values");
    this.outputCol = new Param<>(this, "outputCol", "prefix of the output columns' names");
    this.batchSize = new IntParam(this, "batchSize", "rows classified per TensorFlow run",
        ParamValidators.<Object>inRange(1, 4096));
    setDefault(modelPath, ExecutorClassifiers.PRETRAINED);
    setDefault(inputCol, "content");
    setDefault(outputCol, "");
    setDefault(batchSize, 64);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The model: a directory on any Hadoop-supported file system, or {@code pretrained}. */
  public Param<String> modelPath() {
    return modelPath;
  }

  /** The input column. */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** The prefix of the output columns' names (default none). */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** Rows classified per TensorFlow run, 1 to 4096 (default 64). */
  public IntParam batchSize() {
    return batchSize;
  }

  /** Sets {@link #modelPath()}. */
  public ClothingClassifier setModelPath(String value) {
    set(modelPath, value);
    return this;
  }

  /** Sets {@link #inputCol()}. */
  public ClothingClassifier setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /** Sets {@link #outputCol()}. */
  public ClothingClassifier setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  /** Sets {@link #batchSize()}. */
  public ClothingClassifier setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  /** The model path in effect. */
  public String getModelPath() {
    return getOrDefault(modelPath);
  }

  /** The input column in effect. */
  public String getInputCol() {
    return getOrDefault(inputCol);
  }

  /** The output prefix in effect. */
  public String getOutputCol() {
    return getOrDefault(outputCol);
  }

  /** The batch size in effect. */
  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String column = getInputCol();
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("input column '" + column + "' is not in the data; "
          + "columns: " + String.join(", ", schema.fieldNames()));
    }
    StructField input = schema.apply(column);
    if (ImageInput.of(input.dataType()) == null) {
      throw new IllegalArgumentException("input column '" + column + "' is of type "
          + input.dataType().simpleString() + "; expected " + ImageInput.supported());
    }
    String prefix = getOutputCol();
    for (String name : OUTPUTS) {
      if (Arrays.asList(schema.fieldNames()).contains(prefix + name)) {
        throw new IllegalArgumentException("output column '" + prefix + name + "' already "
            + "exists; set outputCol to a prefix that makes the names new");
      }
    }
    return schema
        .add(prefix + "garment", DataTypes.StringType, true)
        .add(prefix + "garment_index", DataTypes.IntegerType, true)
        .add(prefix + "confidence", DataTypes.FloatType, true)
        .add(prefix + "probabilities", DataTypes.createArrayType(DataTypes.FloatType, false),
            true)
        .add(prefix + "error", DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType output = transformSchema(dataset.schema());
    Dataset<Row> rows = dataset.toDF();
    StructType schema = rows.schema();
    int input = schema.fieldIndex(getInputCol());
    int path = Arrays.asList(schema.fieldNames()).contains("path")
        && schema.apply("path").dataType().equals(DataTypes.StringType)
        ? schema.fieldIndex("path") : -1;
    PartitionScorer scorer = new PartitionScorer(getModelPath(), getBatchSize(),
        executorCores(rows.sparkSession()), ImageInput.of(schema.apply(input).dataType()), input,
        path);
    return rows.mapPartitions(scorer, Encoders.row(output));
  }

  /**
   * The cores of one executor: {@code spark.executor.cores} when set; in local mode the task
   * slots; otherwise 0, meaning the executor's available processors.
   */
  static int executorCores(SparkSession session) {
    int cores = session.sparkContext().getConf().getInt("spark.executor.cores", 0);
    if (cores == 0 && session.sparkContext().isLocal()) {
      cores = session.sparkContext().defaultParallelism();
    }
    return cores;
  }

  @Override
  public ClothingClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Spark's reader of saved instances (used by {@code PipelineModel.load}). */
  public static MLReader<ClothingClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads an instance saved with {@code write().save(path)}. */
  public static ClothingClassifier load(String path) {
    return read().load(path);
  }
}
