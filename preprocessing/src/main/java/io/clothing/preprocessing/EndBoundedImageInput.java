package io.clothing.preprocessing;

import io.clothing.api.DataFormatException;
import java.io.IOException;
import java.util.Objects;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO stream over an image file's bytes in memory that stops a decoder which keeps
 * reading past the end. Some decoders treat the end of a truncated or corrupt stream as more
 * zero bits and go on decoding (TwelveMonkeys' lossless WebP decoder spins for good on such a
 * file); after {@value #MAX_READS_PAST_END} reads past the end, a read throws
 * {@link DataFormatException}, which no decoder catches as an end of file. A sound file is read
 * past its end a few times at most. Not thread-safe, like every ImageIO stream.
 */
final class EndBoundedImageInput extends ImageInputStreamImpl {
  /** Reads past the end after which decoding is given up. */
  static final int MAX_READS_PAST_END = 65_536;

  private final byte[] bytes;
  private final String name;
  private int readsPastEnd;

  /**
   * @param bytes the whole file; not copied, and not changed
   * @param name the file, for the message
   */
  EndBoundedImageInput(byte[] bytes, String name) {
    this.bytes = Objects.requireNonNull(bytes);
    this.name = Objects.requireNonNull(name);
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    if (streamPos >= bytes.length) {
      pastEnd();
      return -1;
    }
    return bytes[(int) streamPos++] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    checkClosed();
    Objects.checkFromIndexSize(offset, length, target.length);
    bitOffset = 0;
    if (length == 0) {
      return 0;
    }
    if (streamPos >= bytes.length) {
      pastEnd();
      return -1;
    }
    int n = (int) Math.min(length, bytes.length - streamPos);
    System.arraycopy(bytes, (int) streamPos, target, offset, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return bytes.length;
  }

  private void pastEnd() {
    if (++readsPastEnd > MAX_READS_PAST_END) {
      throw new DataFormatException(name, "", "the image data ends early (truncated or "
          + "corrupt): the decoder read past the end of the file " + MAX_READS_PAST_END
          + " times");
    }
  }
}
