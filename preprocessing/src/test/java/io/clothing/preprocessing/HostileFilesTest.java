package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.DataFormatException;
import io.clothing.api.ImageDataset;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not what a reader expects: pipes, directories, byte-order marks, truncation. */
class HostileFilesTest {
  @TempDir Path dir;

  private Path fifo(String name) throws Exception {
    Path pipe = dir.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    return pipe;
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void everyReaderRefusesANamedPipeWithoutBlocking() throws Exception {
    for (var reader : java.util.List.<Consumer<Path>>of(IdxReader::readImages,
        KaggleCsv::read, ImageImporter::read)) {
      Path pipe = fifo("pipe-" + System.nanoTime());
      assertThatThrownBy(() -> reader.accept(pipe)).isInstanceOf(DataFormatException.class)
          .hasMessageContaining(pipe.toString())
          .hasMessageContaining("not a regular file (a named pipe or device)");
    }
  }

  @Test
  void aDirectoryIsNamedAsSuch() {
    assertThatThrownBy(() -> KaggleCsv.read(dir)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("a directory, not a file");
  }

  @Test
  void aCsvFromASpreadsheetWithAByteOrderMarkReads() throws IOException {
    StringBuilder csv = new StringBuilder("\uFEFFlabel");
    for (int p = 1; p <= 784; p++) {
      csv.append(",pixel").append(p);
    }
    csv.append("\r\n3");
    csv.append(",7".repeat(784)).append("\r\n");
    Path file = dir.resolve("export.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    ImageDataset data = KaggleCsv.read(file);
    assertThat(data.size()).isEqualTo(1);
    assertThat(data.labelIndex(0)).isEqualTo(3);
  }

  @Test
  void halfAJpegIsRefusedNotClassified() throws IOException {
    BufferedImage photo = TestData.photo(120, 160, Color.WHITE, Color.DARK_GRAY, 20, 30, 80, 100);
    Path whole = dir.resolve("whole.jpg");
    ImageIO.write(photo, "jpg", whole.toFile());
    assertThat(ImageImporter.read(whole)).isNotNull();
    byte[] bytes = Files.readAllBytes(whole);
    Path half = dir.resolve("half.jpg");
    Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ImageImporter.read(half)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(half.toString())
        .hasMessageContaining("corrupt or truncated image");
  }
}
