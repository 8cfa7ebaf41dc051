package io.clothing.tf;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats a {@link SequentialModel} as Keras 2's {@code model.summary()} prints a sequential
 * model: 65 characters wide, columns ending at 29, 55 and 65, long cells wrapped onto following
 * lines, a blank row between layers.
 */
final class KerasSummary {
  private static final int LINE = 65;
  private static final int[] POSITIONS = {29, 55, 65};

  private KerasSummary() {}

  static String format(SequentialModel model) {
    List<String> out = new ArrayList<>();
    out.add("Model: \"sequential\"");
    out.add("_".repeat(LINE));
    row(out, "Layer (type)", "Output Shape", "Param #");
    out.add("=".repeat(LINE));
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      row(out, layer.name() + " (" + layer.kerasClass() + ")", layer.outputShape().toKeras(),
          String.valueOf(layer.trainableParameters() + layer.nonTrainableParameters()));
      if (i < layers.size() - 1) {
        out.add(" ".repeat(LINE));
      }
    }
    out.add("=".repeat(LINE));
    out.add(String.format("Total params: %,d", model.totalParameters()));
    out.add(String.format("Trainable params: %,d", model.trainableParameters()));
    out.add(String.format("Non-trainable params: %,d", model.nonTrainableParameters()));
    out.add("_".repeat(LINE));
    out.add(String.format("FLOPs per image (forward): %,d", model.flopsPerImage()));
    return String.join("\n", out) + "\n";
  }

  /** Keras' print_row: each cell cut to its column (less two spaces), the rest wrapped. */
  private static void row(List<String> out, String... fields) {
    String[] left = fields.clone();
    while (anyLeft(left)) {
      StringBuilder line = new StringBuilder();
      for (int col = 0; col < left.length; col++) {
        int start = col > 0 ? POSITIONS[col - 1] : 0;
        int end = POSITIONS[col];
        int space = col != POSITIONS.length - 1 ? 2 : 0;
        int cutoff = Math.min(end - start - space, left[col].length());
        String fit = left[col].substring(0, cutoff);
        int breakAt = -1;
        for (String mark : new String[] {"),", "},", "],", "',"}) {
          int at = fit.indexOf(mark);
          if (at >= 0 && (breakAt < 0 || at + mark.length() < breakAt)) {
            breakAt = at + mark.length();
          }
        }
        if (breakAt >= 0) {
          cutoff = breakAt;
          fit = fit.substring(0, cutoff);
        }
        if (col == 0) {
          line.append(' ');
        }
        line.append(fit).append(" ".repeat(space));
        left[col] = left[col].substring(cutoff);
        line.append(" ".repeat(Math.max(0, POSITIONS[col] - line.length())));
      }
      out.add(line.toString());
    }
  }

  private static boolean anyLeft(String[] cells) {
    for (String c : cells) {
      if (!c.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
