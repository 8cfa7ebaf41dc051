package io.clothing.reporting;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Precision, recall, F1 and support of one class (or one average row), as scikit-learn computes
 * them. Values are fractions in [0, 1]; support is a count of true instances.
 *
 * @param name the class name, or {@code macro avg} / {@code weighted avg}
 * @param precision {@code tp / (tp + fp)}, 0 when nothing was predicted as this class
 * @param recall {@code tp / (tp + fn)}, 0 when the class never occurs
 * @param f1 {@code 2 tp / (2 tp + fp + fn)}, 0 when that is undefined
 * @param support how many true instances
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClassMetrics(String name, double precision, double recall, double f1,
    long support) {}
