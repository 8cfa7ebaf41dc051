package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.api.RequestBatching;
import io.clothing.preprocessing.ImageImporter;
import io.clothing.reporting.ClassMetrics;
import io.clothing.reporting.ClassificationReport;
import io.clothing.reporting.ReferenceComparison;
import io.clothing.reporting.ReferenceMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded pretrained model on the official test set. */
class PretrainedModelIT {
  private static Classifier classifier;
  private static ImageDataset test;
  private static List<Prediction> predictions;
  private static ClassificationReport report;

  @BeforeAll
  static void evaluate() {
    test = RealData.get().test();
    classifier = Classifiers.pretrained();
    predictions = classifier.predictAll(test);
    int[] truth = new int[test.size()];
    int[] predicted = new int[test.size()];
    for (int i = 0; i < test.size(); i++) {
      truth[i] = test.labelIndex(i);
      predicted[i] = predictions.get(i).garment().index();
    }
    report = ClassificationReport.of(truth, predicted, Garment.displayNames());
  }

  @AfterAll
  static void close() {
    if (classifier != null) {
      classifier.close();
    }
  }

  @Test
  void reproducesTheCommittedReferenceMetricsExactly() {
    ReferenceMetrics committed = ReferenceMetrics.pretrained();
    assertThat(report.accuracy()).isEqualTo(committed.accuracy());
    for (ClassMetrics m : report.classes()) {
      ReferenceMetrics.Target target = committed.classes().get(m.name());
      assertThat(m.precision()).as("%s precision", m.name()).isEqualTo(target.precision());
      assertThat(m.recall()).as("%s recall", m.name()).isEqualTo(target.recall());
      assertThat(m.f1()).as("%s f1", m.name()).isEqualTo(target.f1());
    }
  }

  @Test
  void meetsTheSeedNotebooksTableWithinItsTolerance() {
    ReferenceComparison comparison = ReferenceComparison.of(report, ReferenceMetrics.seed());
    assertThat(comparison.passed()).as("the pretrained model falls short:%n%s%n%s",
        comparison.text(), report.text()).isTrue();
  }

  @Test
  void meetsEveryTargetOfTheSeedNotebooksTableWithoutTolerance() {
    ReferenceMetrics table = ReferenceMetrics.seed();
    ReferenceMetrics exact = new ReferenceMetrics(table.name() + ", no tolerance", table.split(),
        0, table.accuracy(), table.classes());
    ReferenceComparison comparison = ReferenceComparison.of(report, exact);
    assertThat(comparison.passed()).as("the pretrained model falls short of the table:%n%s",
        comparison.text()).isTrue();
  }

  @Test
  void aPngWrittenFromATestImagePredictsLikeTheRawPixels(@TempDir Path dir) throws Exception {
    for (int row : new int[] {0, 1, 42, 4_242, 9_999}) {
      GrayImage image = test.image(row);
      BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      png.getRaster().setDataElements(0, 0, 28, 28, image.pixels());
      Path file = dir.resolve("test-" + row + ".png");
      ImageIO.write(png, "png", file.toFile());
      assertThat(classifier.predict(ImageImporter.read(file)))
          .isEqualTo(classifier.predict(image));
    }
  }

  @Test
  void sixteenThreadsSharingOneBatchingClassifierGetTheUnbatchedAnswers() throws Exception {
    List<GrayImage> images = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      images.add(test.image(i * 37));
    }
    List<Prediction> serial = new ArrayList<>();
    try (Classifier unbatched = Classifiers.pretrained(RequestBatching.off())) {
      for (GrayImage image : images) {
        serial.add(unbatched.predict(image));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<Prediction>>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int offset = t * 13;
        futures.add(pool.submit(() -> {
          List<Prediction> out = new ArrayList<>(images.size());
          for (int i = 0; i < images.size(); i++) {
            out.add(null);
          }
          for (int k = 0; k < images.size(); k++) {
            int i = (k + offset) % images.size(); // threads ask in different orders
            out.set(i, classifier.predict(images.get(i)));
          }
          return out;
        }));
      }
      for (Future<List<Prediction>> f : futures) {
        List<Prediction> batched = f.get();
        for (int i = 0; i < serial.size(); i++) {
          // batching changes which images share a TensorFlow call, so the last bits may move
          assertThat(batched.get(i).probabilities())
              .containsExactly(serial.get(i).probabilities(), within(1e-5f));
          assertThat(batched.get(i).garment()).isEqualTo(serial.get(i).garment());
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
