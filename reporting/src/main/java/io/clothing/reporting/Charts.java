package io.clothing.reporting;

import io.clothing.api.EpochMetrics;
import io.clothing.api.TrainingHistory;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The report's charts, drawn with XChart: label distribution per split, training curves, the
 * confusion-matrix heat map with counts in its cells, and per-class F1 beside a reference.
 * Stateless and thread-safe.
 */
public final class Charts {
  private static final Color BLUE = new Color(31, 119, 180);
  private static final Color ORANGE = new Color(255, 127, 14);
  private static final Color GREEN = new Color(44, 160, 44);

  private Charts() {}

  /** A chart as an image. */
  public static BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * Bars of images per class, one series per split (the notebook's "Distribution of labels").
   *
   * @param countsBySplit split name to ten counts in class order
   */
  public static CategoryChart labelDistribution(List<String> classes,
      Map<String, int[]> countsBySplit) {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
        .title("Distribution of labels").xAxisTitle("class").yAxisTitle("images").build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLabelRotation(30);
    Color[] colors = {BLUE, ORANGE, GREEN};
    int i = 0;
    for (Map.Entry<String, int[]> e : countsBySplit.entrySet()) {
      List<Integer> counts = new ArrayList<>();
      for (int c : e.getValue()) {
        counts.add(c);
      }
      chart.addSeries(e.getKey(), classes, counts).setFillColor(colors[i++ % colors.length]);
    }
    return chart;
  }

  /** Loss and accuracy per epoch, training and validation: two charts side by side. */
  public static List<XYChart> trainingCurves(TrainingHistory history) {
    List<Double> epochs = new ArrayList<>();
    List<Double> trainLoss = new ArrayList<>();
    List<Double> valLoss = new ArrayList<>();
    List<Double> trainAcc = new ArrayList<>();
    List<Double> valAcc = new ArrayList<>();
    for (EpochMetrics m : history.epochs()) {
      epochs.add((double) m.epoch());
      trainLoss.add(m.trainLoss());
      valLoss.add(m.validationLoss());
      trainAcc.add(m.trainAccuracy());
      valAcc.add(m.validationAccuracy());
    }
    XYChart loss = curve("Loss", "loss", epochs, trainLoss, valLoss);
    XYChart accuracy = curve("Accuracy", "accuracy", epochs, trainAcc, valAcc);
    return List.of(loss, accuracy);
  }

  private static XYChart curve(String title, String axis, List<Double> epochs, List<Double> train,
      List<Double> validation) {
    XYChart chart = new XYChartBuilder().width(600).height(400).title(title)
        .xAxisTitle("epoch").yAxisTitle(axis).build();
    style(chart.getStyler());
    chart.getStyler().setXAxisDecimalPattern("0");
    color(chart.addSeries("training", epochs, train), BLUE);
    if (validation.stream().noneMatch(v -> Double.isNaN(v))) {
      color(chart.addSeries("validation", epochs, validation), ORANGE);
    }
    return chart;
  }

  /**
   * The reliability diagram: each confidence bin's accuracy as a bar beside its mean confidence,
   * with the diagonal a perfectly calibrated model would follow.
   */
  public static XYChart reliabilityDiagram(CalibrationCurve curve) {
    XYChart chart = new XYChartBuilder().width(520).height(420)
        .title(String.format("Reliability (ECE %.4f)", curve.expectedCalibrationError()))
        .xAxisTitle("confidence").yAxisTitle("accuracy").build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    List<Double> confidence = new java.util.ArrayList<>();
    List<Double> accuracy = new java.util.ArrayList<>();
    for (CalibrationCurve.Bin bin : curve.bins()) {
      if (bin.count() > 0) {
        confidence.add(bin.meanConfidence());
        accuracy.add(bin.accuracy());
      }
    }
    org.knowm.xchart.XYSeries diagonal = chart.addSeries("perfect calibration",
        List.of(0.0, 1.0), List.of(0.0, 1.0));
    diagonal.setLineColor(Color.GRAY);
    diagonal.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    if (!confidence.isEmpty()) {
      org.knowm.xchart.XYSeries model = chart.addSeries("model", confidence, accuracy);
      model.setLineColor(BLUE);
      model.setMarkerColor(BLUE);
    }
    return chart;
  }

  /** The confusion matrix as a heat map, counts written in the cells. */
  public static HeatMapChart confusionHeatMap(ConfusionMatrix matrix) {
    int k = matrix.names().size();
    HeatMapChart chart = new HeatMapChartBuilder().width(900).height(800)
        .title("Confusion matrix (rows: true class, columns: predicted)").build();
    chart.getStyler().setShowValue(true);
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    chart.getStyler().setHeatMapValueDecimalPattern("#");
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotContentSize(1.0);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setLegendVisible(false);
    // light to medium blues keep the black counts readable in every cell
    chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255),
        new Color(198, 219, 239), new Color(107, 174, 214)});
    chart.getStyler().setValueFontColor(Color.BLACK);
    List<Number[]> cells = new ArrayList<>();
    for (int truth = 0; truth < k; truth++) {
      for (int predicted = 0; predicted < k; predicted++) {
        // XChart's y axis grows upwards: put the first class at the top, as a table reads
        cells.add(new Number[] {predicted, k - 1 - truth, matrix.count(truth, predicted)});
      }
    }
    List<String> reversed = new ArrayList<>(matrix.names());
    java.util.Collections.reverse(reversed);
    chart.addSeries("counts", matrix.names(), reversed, cells);
    return chart;
  }

  /** Per-class F1 as bars, beside a reference's F1 where one is given (may be null). */
  public static CategoryChart f1ByClass(ClassificationReport report,
      ReferenceMetrics reference) {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
        .title("F1 per class").xAxisTitle("class").yAxisTitle("F1").build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setYAxisMin(reference == null ? 0.0 : 0.6);
    chart.getStyler().setYAxisMax(1.0);
    List<String> names = new ArrayList<>();
    List<Double> f1 = new ArrayList<>();
    for (ClassMetrics m : report.classes()) {
      names.add(m.name());
      f1.add(m.f1());
    }
    chart.addSeries("this model", names, f1).setFillColor(BLUE);
    if (reference != null) {
      List<Double> ref = new ArrayList<>();
      for (String name : names) {
        ReferenceMetrics.Target target = reference.classes().get(name);
        ref.add(target == null || target.f1() == null ? 0.0 : target.f1());
      }
      chart.addSeries(reference.name(), names, ref).setFillColor(ORANGE);
    }
    return chart;
  }

  private static void color(org.knowm.xchart.XYSeries series, Color color) {
    series.setLineColor(color);
    series.setMarkerColor(color);
  }

  private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(225, 225, 225));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAntiAlias(true);
  }
}
