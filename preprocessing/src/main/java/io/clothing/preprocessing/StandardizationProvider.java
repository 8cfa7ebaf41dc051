package io.clothing.preprocessing;

import io.clothing.api.StageState;
import io.clothing.api.ImageDataset;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.PreprocessingStageProvider;
import io.clothing.api.StageParameters;

/** Provides the {@link Standardization} stage under the name {@code standardize}. */
public final class StandardizationProvider implements PreprocessingStageProvider {

  @Override
  public String name() {
    return Standardization.NAME;
  }

  @Override
  public PreprocessingStage fit(StageParameters parameters, ImageDataset training) {
    parameters.requireOnly();
    return Standardization.fit(training);
  }

  @Override
  public PreprocessingStage restore(StageState state) {
    return Standardization.restore(state);
  }
}
