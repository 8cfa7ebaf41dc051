package io.clothing.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Formats a {@link Network} as Keras 2's {@code model.summary()} prints it. A sequential model:
 * 65 characters wide, columns ending at 29, 55 and 65. A functional model: 98 wide, columns ending
 * at 32, 53, 65 and 98, an {@code InputLayer} row first and a {@code Connected to} column listing
 * each input as {@code name[0][0]}. Long cells wrap onto following lines; a blank row separates
 * layers.
 */
final class KerasSummary {
  private static final int SEQUENTIAL_LINE = 65;
  private static final int[] SEQUENTIAL_POSITIONS = {29, 55, 65};
  private static final int FUNCTIONAL_LINE = 98;
  private static final int[] FUNCTIONAL_POSITIONS = {32, 53, 65, 98};

  private KerasSummary() {}

  static String format(Network model) {
    boolean functional = model.isFunctional();
    int width = functional ? FUNCTIONAL_LINE : SEQUENTIAL_LINE;
    int[] positions = functional ? FUNCTIONAL_POSITIONS : SEQUENTIAL_POSITIONS;
    List<String> out = new ArrayList<>();
    out.add(functional ? "Model: \"functional\"" : "Model: \"sequential\"");
    out.add("_".repeat(width));
    if (functional) {
      row(out, positions, "Layer (type)", "Output Shape", "Param #", "Connected to");
    } else {
      row(out, positions, "Layer (type)", "Output Shape", "Param #");
    }
    out.add("=".repeat(width));
    if (functional) {
      row(out, positions, Network.INPUT_NAME + " (InputLayer)",
          "[" + Network.INPUT.toKeras() + "]", "0", "[]");
      out.add(" ".repeat(width));
    }
    List<Network.Node> nodes = model.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Layer layer = nodes.get(i).layer();
      String type = layer.name() + " (" + layer.kerasClass() + ")";
      String params = String.valueOf(layer.trainableParameters()
          + layer.nonTrainableParameters());
      if (functional) {
        String connected = nodes.get(i).inputs().stream()
            .map(at -> "'" + (at == Network.IMAGE ? Network.INPUT_NAME
                : nodes.get(at).layer().name()) + "[0][0]'")
            .collect(Collectors.joining(", ", "[", "]"));
        row(out, positions, type, layer.outputShape().toKeras(), params, connected);
      } else {
        row(out, positions, type, layer.outputShape().toKeras(), params);
      }
      if (i < nodes.size() - 1) {
        out.add(" ".repeat(width));
      }
    }
    out.add("=".repeat(width));
    out.add(String.format("Total params: %,d", model.totalParameters()));
    out.add(String.format("Trainable params: %,d", model.trainableParameters()));
    out.add(String.format("Non-trainable params: %,d", model.nonTrainableParameters()));
    out.add("_".repeat(width));
    out.add(String.format("FLOPs per image (forward): %,d", model.flopsPerImage()));
    return String.join("\n", out) + "\n";
  }

  /** Keras' print_row: each cell cut to its column (less two spaces), the rest wrapped. */
  private static void row(List<String> out, int[] positions, String... fields) {
    String[] left = fields.clone();
    while (anyLeft(left)) {
      StringBuilder line = new StringBuilder();
      for (int col = 0; col < left.length; col++) {
        int start = col > 0 ? positions[col - 1] : 0;
        int end = positions[col];
        int space = col != positions.length - 1 ? 2 : 0;
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
        line.append(" ".repeat(Math.max(0, positions[col] - line.length())));
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
