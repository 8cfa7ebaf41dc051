package io.clothing.it;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.preprocessing.FashionMnist;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link SaveLoadServeIT}: loads a saved model and prints the exact bits of
 * its probabilities for the first {@code count} test images, one image a line.
 */
public final class PredictMain {
  private PredictMain() {}

  public static void main(String[] args) {
    ImageDataset test = FashionMnist.locator().offline(true).build().load().test()
        .slice(0, Integer.parseInt(args[1]));
    try (Classifier classifier = Classifiers.load(Path.of(args[0]))) {
      for (Prediction p : classifier.predictAll(test)) {
        System.out.println(bits(p));
      }
    }
  }

  static String bits(Prediction p) {
    StringBuilder line = new StringBuilder();
    for (float v : p.probabilities()) {
      line.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
    }
    return line.toString().trim();
  }
}
