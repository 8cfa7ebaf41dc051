package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.GrayImage;
import io.clothing.api.ModelDirectories;
import io.clothing.api.ModelException;
import io.clothing.api.Prediction;
import io.clothing.api.RequestBatching;
import io.clothing.api.SeededRandom;
import io.clothing.api.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * A model directory is untrusted input that contributes data only: the loader builds the
 * inference graph itself from the recipe in the metadata and reads the weights as numbers, so
 * nothing a crafted {@code saved_model.pb} asks for runs, and hostile weight files are refused
 * before they are read. Each crafted model is first loaded with TensorFlow's own SavedModel
 * loader, as a control that proves it really does write a file there.
 */
class ModelFileSafetyTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  private static final List<GrayImage> IMAGES = new ArrayList<>();
  private static List<Prediction> pretrained;

  @BeforeAll
  static void pretrainedAnswers() {
    SeededRandom random = new SeededRandom(11);
    for (int i = 0; i < 8; i++) {
      byte[] pixels = new byte[GrayImage.PIXELS];
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = (byte) random.nextInt(256);
      }
      IMAGES.add(GrayImage.of(pixels));
    }
    try (Classifier classifier = Classifiers.pretrained(RequestBatching.off())) {
      pretrained = classifier.predictAll(IMAGES);
    }
  }

  private Path copyOfPretrained(String name) throws IOException {
    Path copy = dir.resolve(name);
    ModelDirectories.copyTree(TensorFlowBackend.pretrainedDirectory().orElseThrow(), copy);
    return copy;
  }

  private static NodeDef stringConstant(String name, String value) {
    TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
        .setTensorShape(TensorShapeProto.getDefaultInstance())
        .addStringVal(ByteString.copyFromUtf8(value)).build();
    return NodeDef.newBuilder().setName(name).setOp("Const")
        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_STRING).build())
        .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build()).build();
  }

  /** Rewrites the model's saved_model.pb with {@code craft} applied to its meta graph. */
  private static void craft(Path model, Path written,
      java.util.function.BiFunction<MetaGraphDef, GraphDef.Builder, MetaGraphDef.Builder> craft)
      throws IOException {
    Path pb = model.resolve("saved_model.pb");
    SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(pb));
    MetaGraphDef meta = saved.getMetaGraphs(0);
    GraphDef.Builder graph = meta.getGraphDef().toBuilder()
        .addNode(stringConstant("pwn_path", written.toString()))
        .addNode(stringConstant("pwn_text", "written by a model"))
        .addNode(NodeDef.newBuilder().setName("pwn_write").setOp("WriteFile")
            .addInput("pwn_path").addInput("pwn_text"));
    MetaGraphDef crafted = craft.apply(meta, graph).setGraphDef(graph).build();
    Files.write(pb, saved.toBuilder().setMetaGraphs(0, crafted).build().toByteArray());
  }

  /** Makes the saver's restore op run the crafted WriteFile first. */
  private static MetaGraphDef.Builder restoreOpThatWrites(MetaGraphDef meta,
      GraphDef.Builder graph) {
    graph.addNode(NodeDef.newBuilder().setName("pwn_restore").setOp("NoOp")
        .addInput("^pwn_write").addInput("^" + meta.getSaverDef().getRestoreOpName()));
    return meta.toBuilder().setSaverDef(meta.getSaverDef().toBuilder()
        .setRestoreOpName("pwn_restore"));
  }

  /** Loads the crafted model with TensorFlow's own loader: the control. */
  private static void tensorFlowLoads(Path model) {
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve")) {
      bundle.session(); // loading alone runs the restore op and the table initializers
    }
  }

  /** The control writes {@code written}; then the library loads the same model writing nothing. */
  private void tensorFlowWritesButTheLibraryDoesNot(Path model, Path written) throws IOException {
    tensorFlowLoads(model);
    assertThat(written).as("the control: TensorFlow's loader runs the crafted op").exists();
    Files.delete(written);
    assertLoadsAsDataOnly(model, written);
  }

  private void assertLoadsAsDataOnly(Path model, Path written) {
    try (Classifier classifier = Classifiers.load(model, RequestBatching.off())) {
      assertThat(classifier.predictAll(IMAGES)).isEqualTo(pretrained);
    }
    assertThat(written).doesNotExist();
  }

  @Test
  void aRestoreOpThatWritesAFileNeverRuns() throws IOException {
    Path model = copyOfPretrained("restore-op");
    Path written = dir.resolve("restore-op.txt");
    craft(model, written, ModelFileSafetyTest::restoreOpThatWrites);
    tensorFlowWritesButTheLibraryDoesNot(model, written);
  }

  @Test
  void aTableInitializerThatWritesAFileNeverRuns() throws IOException {
    Path model = copyOfPretrained("table-initializer");
    Path written = dir.resolve("table-initializer.txt");
    craft(model, written, (meta, graph) -> meta.toBuilder().putCollectionDef("table_initializer",
        CollectionDef.newBuilder().setNodeList(CollectionDef.NodeList.newBuilder()
            .addValue("pwn_write")).build()));
    tensorFlowWritesButTheLibraryDoesNot(model, written);
  }

  @Test
  void aSecondMetaGraphTaggedServeWithAWritingRestoreOpNeverRuns() throws IOException {
    // the clean graph is tagged {serve, gpu}; TensorFlow loads the one tagged exactly {serve}
    Path model = copyOfPretrained("two-graphs");
    Path written = dir.resolve("two-graphs.txt");
    Path pb = model.resolve("saved_model.pb");
    MetaGraphDef clean = SavedModel.parseFrom(Files.readAllBytes(pb)).getMetaGraphs(0);
    craft(model, written, ModelFileSafetyTest::restoreOpThatWrites);
    SavedModel crafted = SavedModel.parseFrom(Files.readAllBytes(pb));
    MetaGraphDef gpu = clean.toBuilder().setMetaInfoDef(clean.getMetaInfoDef().toBuilder()
        .clearTags().addTags("serve").addTags("gpu")).build();
    Files.write(pb, SavedModel.newBuilder(crafted).clearMetaGraphs().addMetaGraphs(gpu)
        .addMetaGraphs(crafted.getMetaGraphs(0)).build().toByteArray());
    tensorFlowWritesButTheLibraryDoesNot(model, written);
  }

  /** A restore op that merges {@code victim}'s checkpoint away, deleting its directory. */
  private void craftMerge(Path model, Path victim) throws IOException {
    Path victimPrefix = victim.resolve(TensorFlowClassifier.WEIGHTS_PREFIX);
    craft(model, dir.resolve("unused"), (meta, graph) -> {
      TensorProto prefixes = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
          .setTensorShape(TensorShapeProto.newBuilder().addDim(
              TensorShapeProto.Dim.newBuilder().setSize(1)))
          .addStringVal(ByteString.copyFromUtf8(victimPrefix.toString())).build();
      graph.addNode(NodeDef.newBuilder().setName("pwn_prefixes").setOp("Const")
          .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_STRING).build())
          .putAttr("value", AttrValue.newBuilder().setTensor(prefixes).build()));
      graph.addNode(stringConstant("pwn_destination",
          dir.resolve(model.getFileName() + "-merged/ckpt").toString()));
      graph.addNode(NodeDef.newBuilder().setName("pwn_merge").setOp("MergeV2Checkpoints")
          .addInput("pwn_prefixes").addInput("pwn_destination")
          .putAttr("delete_old_dirs", AttrValue.newBuilder().setB(true).build()));
      graph.addNode(NodeDef.newBuilder().setName("pwn_restore").setOp("NoOp")
          .addInput("^pwn_merge").addInput("^" + meta.getSaverDef().getRestoreOpName()));
      return meta.toBuilder().setSaverDef(meta.getSaverDef().toBuilder()
          .setRestoreOpName("pwn_restore"));
    });
  }

  @Test
  void aRestoreOpThatDeletesAnotherModelsWeightsNeverRuns() throws IOException {
    Path controlVictim = copyOfPretrained("control-victim");
    Path control = copyOfPretrained("control");
    craftMerge(control, controlVictim);
    tensorFlowLoads(control);
    assertThat(controlVictim.resolve(TensorFlowClassifier.WEIGHTS_PREFIX + ".index"))
        .as("the control: TensorFlow's loader deletes the victim's weights").doesNotExist();

    Path victim = copyOfPretrained("victim");
    Path model = copyOfPretrained("merge");
    craftMerge(model, victim);
    assertLoadsAsDataOnly(model, dir.resolve("none"));
    assertThat(victim.resolve(TensorFlowClassifier.WEIGHTS_PREFIX + ".index")).exists();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void saved_model_pbIsNeverOpened() throws Exception {
    Path model = copyOfPretrained("fifo");
    Path pb = model.resolve("saved_model.pb");
    Files.delete(pb);
    Process mkfifo = new ProcessBuilder("mkfifo", pb.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    // opening a named pipe with no writer blocks forever: the load returning proves it is unread
    assertLoadsAsDataOnly(model, dir.resolve("none"));
  }

  /** Saves {@code tensors} (name to shape and value) as a genuine TensorFlow checkpoint. */
  private static void saveCheckpoint(Path model, Map<String, float[]> values,
      Map<String, long[]> shapes) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      for (Map.Entry<String, long[]> e : shapes.entrySet()) {
        tf.withName(e.getKey()).variable(tf.withInitScope().constant(Shape.of(e.getValue()),
            DataBuffers.of(values.get(e.getKey()))));
      }
      try (Session session = new Session(graph)) {
        session.initialize();
        session.save(model.resolve(TensorFlowClassifier.WEIGHTS_PREFIX).toString());
      }
    }
  }

  private Path withCheckpoint(String name, java.util.function.Consumer<Map<String, long[]>>
      changeShapes, float fill) throws IOException {
    Path model = copyOfPretrained(name);
    Path variables = model.resolve("variables");
    try (Stream<Path> files = Files.list(variables)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Map<String, long[]> shapes = new java.util.LinkedHashMap<>(Network.from(
        ModelMetadata.read(model).recipe().model()).weightShapes());
    changeShapes.accept(shapes);
    Map<String, float[]> values = new java.util.HashMap<>();
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long n = 1;
      for (long d : e.getValue()) {
        n *= d;
      }
      float[] v = new float[(int) n];
      java.util.Arrays.fill(v, fill);
      values.put(e.getKey(), v);
    }
    saveCheckpoint(model, values, shapes);
    return model;
  }

  @Test
  void aCheckpointOfTheRightTensorsLoadsAndExtraTensorsAreIgnored() throws IOException {
    Path model = withCheckpoint("extra", shapes -> shapes.put("unrelated", new long[] {3}), 0.5f);
    try (Classifier classifier = Classifiers.load(model, RequestBatching.off())) {
      assertThat(classifier.predict(IMAGES.get(0)).probabilities()).hasSize(10);
    }
  }

  /** The name of the pretrained model's last kernel (its class scores' dense layer). */
  private static String lastKernel() {
    Map<String, long[]> shapes = Network.from(ModelMetadata.read(
        TensorFlowBackend.pretrainedDirectory().orElseThrow()).recipe().model()).weightShapes();
    return shapes.keySet().stream().filter(w -> w.endsWith("_kernel"))
        .reduce((first, second) -> second).orElseThrow();
  }

  @Test
  void aMissingTensorIsRefusedByName() throws IOException {
    String kernel = lastKernel();
    Path model = withCheckpoint("missing", shapes -> shapes.remove(kernel), 0.5f);
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining("variables.index")
        .hasMessageContaining("needs tensor '" + kernel + "'");
  }

  @Test
  void aTensorOfAnotherShapeIsRefusedBeforeItIsRead() throws IOException {
    String kernel = lastKernel();
    long[] shape = new long[2];
    Path model = withCheckpoint("shape", shapes -> {
      System.arraycopy(shapes.get(kernel), 0, shape, 0, 2);
      shapes.put(kernel, new long[] {shape[0], shape[1] + 1});
    }, 0.5f);
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining("tensor '" + kernel + "' has shape [" + shape[0] + ", "
            + (shape[1] + 1) + "], the model's recipe needs [" + shape[0] + ", " + shape[1]
            + "]");
  }

  @Test
  void nonFiniteWeightsAreRefused() throws IOException {
    Path model = withCheckpoint("nan", shapes -> { }, Float.NaN);
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining("holds NaN at element 0");
  }

  @Test
  void aCorruptOrTruncatedDataFileIsRefused() throws IOException {
    Path model = copyOfPretrained("corrupt");
    Path data = model.resolve("variables/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(data, bytes);
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining("fails its checksum");
    Files.write(data, java.util.Arrays.copyOf(bytes, 1000));
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining("past the file's end");
  }

  @Test
  void aMalformedIndexIsRefusedWithItsPathAndPosition() throws IOException {
    Path model = copyOfPretrained("index");
    Path index = model.resolve("variables/variables.index");
    byte[] bytes = Files.readAllBytes(index);
    Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining(index.toString());
    Files.write(index, new byte[10]);
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining("too short for a checkpoint index");
    int refused = 0;
    for (int i = 0; i < 200; i++) {
      // a flipped bit is refused with the library's exception, or lies in bytes the reader does
      // not use (the footer's padding, the unused meta-index handle) and the model is unharmed
      byte[] flipped = bytes.clone();
      int at = new SeededRandom(i).nextInt(flipped.length);
      flipped[at] ^= (byte) (1 << (i % 8));
      Files.write(index, flipped);
      try (Classifier classifier = Classifiers.load(model, RequestBatching.off())) {
        assertThat(classifier.predictAll(IMAGES)).as("bit %d of byte %d", i % 8, at)
            .isEqualTo(pretrained);
      } catch (ModelException e) {
        assertThat(e).hasMessageContaining(index.toString());
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(150);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aNamedPipeForTheWeightsIsRefusedWithoutBlocking() throws Exception {
    Path model = copyOfPretrained("pipe");
    Path index = model.resolve("variables/variables.index");
    Files.delete(index);
    assertThat(new ProcessBuilder("mkfifo", index.toString()).start().waitFor()).isZero();
    assertThatThrownBy(() -> Classifiers.load(model)).isInstanceOf(ModelException.class)
        .hasMessageContaining("variables.index: not a regular file");
  }

  @Test
  void refusesMissingOrForeignMetadataAndUnknownVersions() throws IOException {
    Path model = copyOfPretrained("versioned");
    Path metadata = model.resolve(ModelMetadata.FILE_NAME);
    Files.writeString(metadata, Files.readString(metadata)
        .replaceFirst("\"format_version\" : 1", "\"format_version\" : 99"));
    assertThatThrownBy(() -> new TensorFlowBackend().load(model))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("format version 99 is not supported");
    Files.delete(metadata);
    assertThatThrownBy(() -> Classifiers.load(model))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("no backend recognises this model");
    assertThatThrownBy(() -> new TensorFlowBackend().load(model))
        .hasMessageContaining("not a clothing model");
  }
}
