package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GarmentTest {

  @Test
  void indicesAndNamesFollowFashionMnist() {
    assertThat(Garment.displayNames()).containsExactly("T-shirt/top", "Trouser", "Pullover",
        "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    assertThat(Garment.fromIndex(0)).isEqualTo(Garment.T_SHIRT_TOP);
    assertThat(Garment.fromIndex(9)).isEqualTo(Garment.ANKLE_BOOT);
    assertThat(Garment.SHIRT.index()).isEqualTo(6);
  }

  @Test
  void refusesIndexOutsideZeroToNine() {
    assertThatThrownBy(() -> Garment.fromIndex(10)).hasMessageContaining("10 is outside 0-9");
    assertThatThrownBy(() -> Garment.fromIndex(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
