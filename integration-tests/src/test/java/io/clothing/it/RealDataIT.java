package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.preprocessing.StratifiedSplit;
import org.junit.jupiter.api.Test;

class RealDataIT {

  @Test
  void theOfficialFilesHoldSixtyThousandTrainingAndTenThousandTestImages() {
    ImageDataset train = RealData.get().training();
    ImageDataset test = RealData.get().test();
    assertThat(train.size()).isEqualTo(60_000);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(train.classCounts()).containsOnly(6_000);
    assertThat(test.classCounts()).containsOnly(1_000);
    // the first labels as Zalando documents them
    assertThat(train.label(0)).isEqualTo(Garment.ANKLE_BOOT);
    assertThat(test.label(0)).isEqualTo(Garment.ANKLE_BOOT);
    assertThat(test.label(1)).isEqualTo(Garment.PULLOVER);
  }

  @Test
  void theSeedsValidationSplitHoldsSixHundredImagesOfEachClass() {
    StratifiedSplit.Parts parts = StratifiedSplit.split(RealData.get().training(), 0.1, 42);
    assertThat(parts.validation().size()).isEqualTo(6_000);
    assertThat(parts.validation().classCounts()).containsOnly(600);
    assertThat(parts.training().classCounts()).containsOnly(5_400);
  }
}
