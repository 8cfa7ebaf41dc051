package io.clothing.training;

import io.clothing.api.ClothingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive hold on a run's output directory ({@value #FILE_NAME} in it), so that two runs,
 * in this process or another, never write checkpoints and models into the same place. Released
 * when closed (or when the process ends).
 */
final class OutputLock implements AutoCloseable {
  /** The lock file in the output directory. */
  static final String FILE_NAME = ".training.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the hold on {@code directory}.
   *
   * @throws ClothingException if another run holds it, or the lock file cannot be made
   */
  static OutputLock acquire(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw busy(directory, null);
      }
      return new OutputLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw busy(directory, e);
    } catch (IOException e) {
      close(channel);
      throw new ClothingException("cannot lock the output directory " + directory + ": "
          + e.getMessage(), e);
    } catch (ClothingException e) {
      close(channel);
      throw e;
    }
  }

  private static ClothingException busy(Path directory, Exception cause) {
    return new ClothingException("another training run is using " + directory
        + "; give this one another output directory, or wait for that one to end", cause);
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was locked
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    close(channel);
  }
}
