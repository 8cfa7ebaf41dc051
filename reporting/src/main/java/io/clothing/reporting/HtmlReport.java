package io.clothing.reporting;

import java.util.Map;

/** Renders the self-contained, well-formed HTML page of a report. */
final class HtmlReport {
  private HtmlReport() {}

  private static final String STYLE = """
      body { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
             margin: 0; color: #1d2330; background: #f5f6f8; }
      header { background: #1d2330; color: #fff; padding: 24px 40px; }
      header h1 { margin: 0; font-size: 26px; }
      header p { margin: 6px 0 0; color: #c9cfdb; }
      main { max-width: 1100px; margin: 0 auto; padding: 16px 40px 60px; }
      section { background: #fff; border-radius: 8px; padding: 18px 24px; margin: 18px 0;
                box-shadow: 0 1px 3px rgba(0,0,0,.08); }
      h2 { margin-top: 0; font-size: 19px; }
      pre { background: #f0f2f5; padding: 12px; overflow-x: auto; font-size: 13px;
            border-radius: 6px; }
      img { max-width: 100%; height: auto; image-rendering: pixelated; }
      table { border-collapse: collapse; font-size: 14px; }
      td, th { padding: 4px 10px; border-bottom: 1px solid #e3e6eb; text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      .ok { color: #1a7f37; font-weight: 600; }
      .bad { color: #cf222e; font-weight: 600; }
      .metric { display: inline-block; margin-right: 36px; }
      .metric b { display: block; font-size: 28px; }
      """;

  static String render(ReportInput in, ReferenceComparison comparison,
      Map<String, String> pngBase64) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(esc(in.title)).append("</title>\n<style>").append(STYLE)
        .append("</style>\n</head>\n<body>\n<header><h1>").append(esc(in.title))
        .append("</h1><p>Fashion-MNIST clothing classifier report, evaluated on the ")
        .append(esc(in.split)).append(" set (").append(in.evaluated.size())
        .append(" images)</p></header>\n<main>\n");

    h.append("<section id=\"summary\"><h2>Summary</h2>");
    metric(h, "accuracy", PythonFormat.fixed(in.report.accuracy(), 4));
    metric(h, "macro F1", PythonFormat.fixed(in.report.macroAverage().f1(), 4));
    if (comparison != null) {
      h.append("<div class=\"metric\">reference<b class=\"").append(comparison.passed()
          ? "ok\">met" : "bad\">not met").append("</b></div>");
    }
    for (Map.Entry<String, String> e : in.timing.entrySet()) {
      metric(h, e.getKey(), e.getValue());
    }
    h.append("</section>\n");

    if (in.modelSummary != null) {
      h.append("<section id=\"model\"><h2>Model</h2><pre>").append(esc(in.modelSummary))
          .append("</pre></section>\n");
    }
    if (in.recipeJson != null) {
      h.append("<section id=\"recipe\"><h2>Recipe</h2><pre>").append(esc(in.recipeJson))
          .append("</pre></section>\n");
    }
    image(h, "samples", "Random images", pngBase64);
    image(h, "label_distribution", "Distribution of labels", pngBase64);
    image(h, "training_curves", "Training and validation curves", pngBase64);
    h.append("<section id=\"classification-report\"><h2>Classification report</h2><pre>")
        .append(esc(in.report.text())).append("</pre>");
    for (String w : in.report.warnings()) {
      h.append("<p class=\"bad\">").append(esc(w)).append("</p>");
    }
    h.append("</section>\n");
    h.append("<section id=\"confusion-matrix\"><h2>Confusion matrix</h2>");
    if (pngBase64.containsKey("confusion_matrix")) {
      h.append(img(pngBase64.get("confusion_matrix"), "confusion matrix"));
    }
    h.append("<pre>").append(esc(in.report.confusionMatrix().text())).append("</pre>")
        .append("<p>Row-normalized (each true class's spread):</p><pre>")
        .append(esc(in.report.confusionMatrix().normalizedText())).append("</pre></section>\n");
    image(h, "predictions", "Predicted classes (mistakes in red)", pngBase64);
    image(h, "mistakes", "Most confident mistakes", pngBase64);
    image(h, "f1_by_class", "F1 per class", pngBase64);
    h.append("<section id=\"calibration\"><h2>Calibration</h2><p>Expected calibration error "
        + "(15 bins): <b>").append(PythonFormat.fixed(in.calibration.expectedCalibrationError(), 4))
        .append("</b>; answers marked \"not sure\": <b>")
        .append(PythonFormat.fixed(100 * in.calibration.unreliableShare(), 1))
        .append("%</b></p>");
    if (pngBase64.containsKey("reliability_diagram")) {
      h.append(img(pngBase64.get("reliability_diagram"), "reliability diagram"));
    }
    h.append("</section>\n");
    h.append("<section id=\"reference\"><h2>Reference comparison</h2>");
    if (comparison == null) {
      h.append("<p>No reference given.</p>");
    } else {
      h.append("<p>Reference <b>").append(esc(comparison.reference().name()))
          .append("</b>, tolerance ").append(comparison.reference().tolerance())
          .append(": <span class=\"").append(comparison.passed() ? "ok\">met" : "bad\">not met")
          .append("</span></p><table><tr><th>subject</th><th>metric</th><th>model</th>")
          .append("<th>target</th><th>result</th></tr>");
      for (ReferenceComparison.Check c : comparison.checks()) {
        h.append("<tr><td>").append(esc(c.subject())).append("</td><td>").append(c.metric())
            .append("</td><td>").append(PythonFormat.fixed(c.actual(), 4)).append("</td><td>")
            .append(PythonFormat.fixed(c.target(), 4)).append("</td><td class=\"")
            .append(c.met() ? "ok\">ok" : "bad\">below").append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("</section>\n");
    if (!in.provenance.isEmpty()) {
      h.append("<section id=\"provenance\"><h2>Provenance</h2><table>");
      for (Map.Entry<String, String> e : in.provenance.entrySet()) {
        h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
            .append(esc(e.getValue())).append("</td></tr>");
      }
      h.append("</table></section>\n");
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void metric(StringBuilder h, String name, String value) {
    h.append("<div class=\"metric\">").append(esc(name)).append("<b>").append(esc(value))
        .append("</b></div>");
  }

  private static void image(StringBuilder h, String key, String title, Map<String, String> png) {
    if (!png.containsKey(key)) {
      return;
    }
    h.append("<section id=\"").append(key.replace('_', '-')).append("\"><h2>")
        .append(esc(title)).append("</h2>").append(img(png.get(key), title))
        .append("</section>\n");
  }

  private static String img(String base64, String alt) {
    return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + base64 + "\"/>";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
