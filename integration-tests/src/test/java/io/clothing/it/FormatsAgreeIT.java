package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.preprocessing.ImageImporter;
import io.clothing.preprocessing.KaggleCsv;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsAgreeIT {
  @TempDir Path dir;

  @Test
  void theTestSetWrittenAsKaggleCsvLoadsToTheSameDataSetAsTheIdxFiles() {
    ImageDataset test = RealData.get().test();
    Path csv = dir.resolve("fashion-mnist_test.csv");
    KaggleCsv.write(test, csv);
    assertThat(KaggleCsv.read(csv)).isEqualTo(test);
  }

  @Test
  void aTestImageSavedAsPngImportsPixelForPixel() throws IOException {
    ImageDataset test = RealData.get().test();
    for (int row : new int[] {0, 1, 2, 123, 9_999}) {
      GrayImage image = test.image(row);
      BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      png.getRaster().setDataElements(0, 0, 28, 28, image.pixels());
      Path file = dir.resolve("test-" + row + ".png");
      ImageIO.write(png, "png", file.toFile());
      assertThat(ImageImporter.read(file)).as("test image %d", row).isEqualTo(image);
    }
  }
}
