package io.clothing.tf;

/**
 * A layer computing {@code x . kernel (+ bias)} then an activation, whose kernel's last axis is
 * its output channels: a convolution or a dense layer. A batch normalization right after one
 * without activation folds into its kernel and bias at inference.
 */
interface LinearLayer extends Layer {
  /** Whether it applies no activation, so that a following batch normalization can fold in. */
  boolean isLinear();

  /** The saved name of the kernel. */
  default String kernelName() {
    return name() + "_kernel";
  }

  /** The saved name of the bias (present after folding even if the layer has none). */
  default String biasName() {
    return name() + "_bias";
  }
}
