package io.clothing.preprocessing;

import io.clothing.api.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file before a reader opens it, so that a named pipe, a device or a directory is
 * refused at once instead of blocking or failing half-way, and an unreadable file is reported as
 * such. Stateless and thread-safe.
 */
final class InputFiles {
  private InputFiles() {}

  /**
   * @throws DataFormatException naming {@code file}: "no such file", "not a regular file (a
   *     directory, named pipe or device)" or "permission denied"
   */
  static void requireReadableFile(Path file) {
    String name = file.toString();
    if (!Files.exists(file)) {
      throw new DataFormatException(name, "", "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(name, "", Files.isDirectory(file)
          ? "a directory, not a file" : "not a regular file (a named pipe or device)");
    }
    if (!Files.isReadable(file)) {
      throw new DataFormatException(name, "", "permission denied");
    }
  }
}
