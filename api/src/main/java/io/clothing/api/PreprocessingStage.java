package io.clothing.api;


/**
 * One deterministic preprocessing step applied to every image, in training and at inference
 * alike (standardization, say). The pipeline first scales pixels to [0, 1]; stages then transform
 * those floats in place.
 *
 * <p>Implementations are immutable and thread-safe, and {@link #apply} must not allocate.
 */
public interface PreprocessingStage {

  /** The provider name this stage was made by, such as {@code "standardize"}; never null. */
  String name();

  /**
   * Transforms {@code length} floats of {@code values} from {@code offset} in place: whole
   * images, image after image.
   */
  void apply(float[] values, int offset, int length);

  /**
   * Everything needed to rebuild this exact stage (fitted statistics included) with
   * {@link PreprocessingStageProvider#restore}. A model's metadata saves it as
   * {@code {"name": name(), "state": state()}}, so the state needs no name of its own. Never
   * null.
   */
  StageState state();
}
