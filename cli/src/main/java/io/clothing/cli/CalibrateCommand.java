package io.clothing.cli;

import io.clothing.api.Reliability;
import io.clothing.api.TrainingRecipe;
import io.clothing.preprocessing.FashionMnist;
import io.clothing.preprocessing.StratifiedSplit;
import io.clothing.tf.ModelMetadata;
import io.clothing.training.Calibration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clothing calibrate}: fit a trained model's calibration and "not sure" check. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit a model's temperature scaling and its \"not sure\" thresholds on the "
        + "validation split it was trained with (its recipe's seed and fraction), and save them "
        + "beside it as " + Reliability.FILE_NAME + ". clothing train does this itself; use it "
        + "for a model trained before, or, with --validation-fraction, for one trained on every "
        + "training image (its recipe's validation_fraction 0)."})
final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "The model directory.")
  Path model;

  @Option(names = "--validation-fraction", paramLabel = "F",
      description = "Calibrate on this share of the training file (a stratified split with the "
          + "recipe's validation seed) instead of the recipe's own split. For a model trained on "
          + "every training image only: it has seen these images, so the fitted temperature "
          + "trusts it more than unseen images warrant; check the test set's calibration error.")
  Double validationFraction;

  @Mixin DataOptions data;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainingRecipe recipe = ModelMetadata.read(model).recipe();
    double fraction = validationFraction != null ? validationFraction
        : recipe.validationFraction();
    if (!(fraction > 0 && fraction <= TrainingRecipe.MAX_VALIDATION_FRACTION)) {
      throw new CommandLine.ParameterException(spec.commandLine(), validationFraction != null
          ? "--validation-fraction must be in (0, " + TrainingRecipe.MAX_VALIDATION_FRACTION
              + "], got " + validationFraction
          : model + " was trained on every training image (its recipe's validation_fraction is "
              + "0): give --validation-fraction to calibrate on part of them");
    }
    FashionMnist.Data loaded = data.load(spec.commandLine().getErr());
    StratifiedSplit.Parts parts = StratifiedSplit.split(loaded.training(), fraction,
        recipe.splitSeed());
    Reliability fitted = Calibration.calibrate(model, parts.training(), parts.validation(),
        recipe.seed());
    out.printf(Locale.ROOT, "Calibrated %s on %,d validation images: temperature %.3f, "
        + "\"not sure\" below confidence %.3f or beyond distance %.2f from the training "
        + "images%n", model, parts.validation().size(), fitted.temperature(),
        fitted.minConfidence(), fitted.maxDistance());
    out.flush();
    return 0;
  }
}
