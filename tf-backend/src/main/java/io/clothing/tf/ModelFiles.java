package io.clothing.tf;

import io.clothing.api.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Checks a model directory's file before it is opened: only a regular file of a bounded size is
 * read, so a named pipe cannot block the loader and a huge file cannot exhaust its memory.
 * Stateless and thread-safe.
 */
final class ModelFiles {
  private ModelFiles() {}

  /**
   * The size of {@code file} in bytes, or empty if there is no such file.
   *
   * @param what what the file holds, for the message, such as "model metadata"
   * @throws ModelException naming the file if it is not a regular file, is larger than
   *     {@code maxBytes} or cannot be read
   */
  static OptionalLong size(Path file, long maxBytes, String what) {
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return OptionalLong.empty();
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new ModelException(file + ": not a regular file");
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new ModelException(file + ": " + size + " bytes is more than " + what
            + " may have (at most " + maxBytes + ")");
      }
      return OptionalLong.of(size);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new ModelException(file + ": cannot read it: " + e.getMessage(), e);
    }
  }
}
