package io.clothing.tf;

import java.util.List;

/**
 * Where a convolution or pooling window goes: its size, its strides and whether the input is
 * padded ({@code same}: output {@code ceil(in / stride)}) or not ({@code valid}: output
 * {@code floor((in - kernel) / stride) + 1}), as Keras computes output shapes.
 *
 * @param kernelHeight rows of the window
 * @param kernelWidth columns of the window
 * @param strideHeight step between windows down the image
 * @param strideWidth step between windows across the image
 * @param same whether {@code "same"} padding applies
 */
record Window(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
    boolean same) {

  /** The output shape with {@code channels} channels for an image input {@code in}. */
  FeatureShape output(FeatureShape in, int channels) {
    return FeatureShape.image(length(in.height(), kernelHeight, strideHeight),
        length(in.width(), kernelWidth, strideWidth), channels);
  }

  private int length(int in, int kernel, int stride) {
    return same ? (in + stride - 1) / stride : Math.floorDiv(in - kernel, stride) + 1;
  }

  /** The strides as TensorFlow's NHWC list. */
  List<Long> strides() {
    return List.of(1L, (long) strideHeight, (long) strideWidth, 1L);
  }

  /** TensorFlow's padding name. */
  String padding() {
    return same ? "SAME" : "VALID";
  }

  /** Positions in the window: {@code kernelHeight * kernelWidth}. */
  long area() {
    return (long) kernelHeight * kernelWidth;
  }
}
