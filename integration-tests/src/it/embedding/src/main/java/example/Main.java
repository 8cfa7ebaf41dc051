package example;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.GrayImage;
import io.clothing.api.Prediction;
import io.clothing.preprocessing.FashionMnist;

/** Classifies the first Fashion-MNIST test image with the library's pretrained model. */
public final class Main {
  public static void main(String[] args) {
    GrayImage image = FashionMnist.locator().offline(true).build().load().test().image(0);
    try (Classifier classifier = Classifiers.pretrained()) {
      Prediction prediction = classifier.predict(image);
      System.out.println(prediction.garment().displayName());
    }
  }
}
