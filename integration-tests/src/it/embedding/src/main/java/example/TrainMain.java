package example;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.api.Recipes;
import io.clothing.preprocessing.FashionMnist;
import io.clothing.training.Training;
import io.clothing.training.TrainingResult;
import java.nio.file.Path;

/** Trains the fast recipe for one epoch on its images, saves the model and predicts. */
public final class TrainMain {
  public static void main(String[] args) {
    ImageDataset myImages = FashionMnist.locator().offline(true).build().load().training();
    try (TrainingResult result = Training.recipe(Recipes.named("fast").withEpochs(1))
        .data(myImages).run()) {
      System.out.println("validation accuracy " + result.history().last().validationAccuracy());
      result.save(Path.of(args[0]));
    }
    try (Classifier classifier = Classifiers.load(Path.of(args[0]))) {
      Prediction prediction = classifier.predict(myImages.image(0));
      System.out.println(prediction.garment().displayName());
    }
  }
}
