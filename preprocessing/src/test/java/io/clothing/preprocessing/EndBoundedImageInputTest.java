package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.DataFormatException;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EndBoundedImageInputTest {
  @Test
  void readsTheBytesSeeksAndReportsTheEndAsAnImageStreamShould() throws IOException {
    try (EndBoundedImageInput in = new EndBoundedImageInput(new byte[] {1, 2, (byte) 0xFF}, "f")) {
      assertThat(in.length()).isEqualTo(3);
      assertThat(in.read()).isEqualTo(1);
      byte[] target = new byte[4];
      assertThat(in.read(target, 1, 3)).isEqualTo(2);
      assertThat(target).containsExactly(0, 2, 0xFF - 256, 0);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(target, 0, 4)).isEqualTo(-1);
      assertThat(in.read(target, 0, 0)).isZero();
      in.seek(1);
      assertThat(in.readUnsignedShort()).isEqualTo(0x02FF);
      assertThat(in.getStreamPosition()).isEqualTo(3);
      assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void aReaderThatKeepsReadingPastTheEndIsStoppedWithTheFilesName() throws IOException {
    try (EndBoundedImageInput in = new EndBoundedImageInput(new byte[] {7}, "photo.webp")) {
      in.read();
      for (int i = 0; i < EndBoundedImageInput.MAX_READS_PAST_END; i++) {
        try {
          in.readByte(); // what a decoder that pads a short stream with zeros does
        } catch (EOFException expected) {
          // swallowed, as such a decoder does
        }
      }
      assertThatThrownBy(in::read).isInstanceOf(DataFormatException.class)
          .hasMessageStartingWith("photo.webp: the image data ends early");
    }
  }
}
