package io.clothing.api;

import java.util.Objects;

/**
 * A data file (IDX, CSV, image, metadata) that the library refuses because it is malformed.
 * The message names the file, the position in it and the problem, for example
 * {@code train-labels-idx1-ubyte.gz: byte 1,208: label 11 is outside 0-9}.
 *
 * <p>Immutable and therefore thread-safe.
 */
public class DataFormatException extends ClothingException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String position;
  private final String problem;

  /**
   * @param source the file (or other named source) that was read; never null
   * @param position where in the source the problem is, e.g. {@code "byte 16"} or
   *     {@code "line 3, column 786"}; {@code ""} when it concerns the whole file; never null
   * @param problem what is wrong, for a person; never null
   */
  public DataFormatException(String source, String position, String problem) {
    this(source, position, problem, null);
  }

  /**
   * @param source the file (or other named source) that was read; never null
   * @param position where in the source the problem is; {@code ""} for the whole file
   * @param problem what is wrong, for a person; never null
   * @param cause the underlying failure (an {@link java.io.IOException}, say); may be null
   */
  public DataFormatException(String source, String position, String problem, Throwable cause) {
    super(format(source, position, problem), cause);
    this.source = Objects.requireNonNull(source, "source");
    this.position = Objects.requireNonNull(position, "position");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  private static String format(String source, String position, String problem) {
    return position.isEmpty() ? source + ": " + problem : source + ": " + position + ": " + problem;
  }

  /** The file or named source that was refused; never null. */
  public String source() {
    return source;
  }

  /** Where in the source the problem lies ({@code ""} for the whole file); never null. */
  public String position() {
    return position;
  }

  /** What is wrong, without the source and position; never null. */
  public String problem() {
    return problem;
  }
}
