package io.clothing.api;

import java.util.List;

/**
 * The ten Fashion-MNIST classes, in the data set's label order: {@link #ordinal()} equals the
 * label index stored in the files. Every probability vector in this library is in this order.
 */
public enum Garment {
  T_SHIRT_TOP("T-shirt/top"),
  TROUSER("Trouser"),
  PULLOVER("Pullover"),
  DRESS("Dress"),
  COAT("Coat"),
  SANDAL("Sandal"),
  SHIRT("Shirt"),
  SNEAKER("Sneaker"),
  BAG("Bag"),
  ANKLE_BOOT("Ankle boot");

  /** The number of classes, 10. */
  public static final int COUNT = 10;

  private static final Garment[] BY_INDEX = values();
  private static final List<String> DISPLAY_NAMES =
      List.of(BY_INDEX).stream().map(Garment::displayName).toList();

  private final String displayName;

  Garment(String displayName) {
    this.displayName = displayName;
  }

  /** The Fashion-MNIST label index, 0 to 9. */
  public int index() {
    return ordinal();
  }

  /** The name Fashion-MNIST's documentation uses, such as {@code "T-shirt/top"}; never null. */
  public String displayName() {
    return displayName;
  }

  /**
   * The garment with the given Fashion-MNIST label.
   *
   * @throws IllegalArgumentException if {@code index} is outside 0-9
   */
  public static Garment fromIndex(int index) {
    if (index < 0 || index >= COUNT) {
      throw new IllegalArgumentException("garment index " + index + " is outside 0-9");
    }
    return BY_INDEX[index];
  }

  /** The ten display names in label order; unmodifiable, never null. */
  public static List<String> displayNames() {
    return DISPLAY_NAMES;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
