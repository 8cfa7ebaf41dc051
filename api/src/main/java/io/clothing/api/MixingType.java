package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Ways of mixing two training images and their targets into one. */
public enum MixingType implements RecipeValues {
  /**
   * CutMix (Yun et al., 2019, "CutMix: Regularization Strategy to Train Strong Classifiers with
   * Localizable Features"): a rectangle of the other image is pasted in, and the targets mix in
   * proportion to the pixels each image keeps.
   */
  CUTMIX("cutmix"),
  /**
   * Mixup (Zhang et al., 2018, "mixup: Beyond Empirical Risk Minimization"): the two images and
   * their targets are blended with one weight, {@code lambda * a + (1 - lambda) * b}.
   */
  MIXUP("mixup");

  private final String id;

  MixingType(String id) {
    this.id = id;
  }

  @Override
  @JsonValue
  public String id() {
    return id;
  }
}
