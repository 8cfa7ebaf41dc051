package io.clothing.preprocessing;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
  public PreprocessingStage fit(ObjectNode parameters, ImageDataset training) {
    new StageParameters(name(), parameters).requireOnly();
    return Standardization.fit(training);
  }

  @Override
  public PreprocessingStage restore(ObjectNode state) {
    return Standardization.restore(state);
  }
}
