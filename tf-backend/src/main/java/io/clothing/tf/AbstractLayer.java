package io.clothing.tf;

/** The name and input shape every built-in layer holds. */
abstract class AbstractLayer implements Layer {
  /** The Keras-style unique name. */
  protected final String name;
  /** The input shape, without the batch dimension. */
  protected final FeatureShape input;

  AbstractLayer(String name, FeatureShape input) {
    this.name = name;
    this.input = input;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final FeatureShape inputShape() {
    return input;
  }
}
