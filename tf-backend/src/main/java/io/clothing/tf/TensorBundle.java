package io.clothing.tf;

import com.google.protobuf.InvalidProtocolBufferException;
import io.clothing.api.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Reads named float tensors from a TensorFlow checkpoint ({@code PREFIX.index} and
 * {@code PREFIX.data-00000-of-00001}, the {@code variables/} of a SavedModel) as plain data,
 * without TensorFlow: the index is a LevelDB-format table of {@code BundleEntryProto}s, and each
 * tensor is read from the data file at the offset it names, checked against its CRC-32C.
 *
 * <p>Only the tensors asked for are read, and each must have exactly the expected shape, type
 * and size before a byte of it is read, so a file cannot make the reader allocate more than the
 * caller expects. Every problem is a {@link ModelException} naming the file and what is wrong.
 * Stateless and thread-safe.
 */
final class TensorBundle {
  /** The largest index file read (the pretrained model's is about 1 KB). */
  static final long MAX_INDEX_BYTES = 16L << 20;

  private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER_BYTES = 48;
  private static final int BLOCK_TRAILER_BYTES = 5;

  private TensorBundle() {}

  /**
   * Reads every tensor of {@code expected} (name to shape) from the checkpoint at
   * {@code prefix}; other tensors in the checkpoint are ignored.
   *
   * @return the values by name, in the order of {@code expected}, row-major
   * @throws ModelException if a file is missing, not a regular file, malformed, or a tensor is
   *     missing, of another type or shape, outside the data file, or fails its checksum
   */
  static Map<String, float[]> readFloats(Path prefix, Map<String, long[]> expected) {
    Path index = prefix.resolveSibling(prefix.getFileName() + ".index");
    Path data = prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001");
    requirePresent(index, ModelFiles.size(index, MAX_INDEX_BYTES, "a checkpoint index"));
    long dataSize = requirePresent(data, ModelFiles.size(data, Long.MAX_VALUE, "weights"));
    Map<String, BundleEntryProto> entries;
    try {
      entries = entries(index, Files.readAllBytes(index));
    } catch (IOException e) {
      throw new ModelException(index + ": cannot read it: " + e.getMessage(), e);
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      for (Map.Entry<String, long[]> want : expected.entrySet()) {
        BundleEntryProto entry = entries.get(want.getKey());
        if (entry == null) {
          throw new ModelException(index + ": the model needs tensor '" + want.getKey()
              + "', which the checkpoint does not hold");
        }
        out.put(want.getKey(), read(channel, data, dataSize, want.getKey(), want.getValue(),
            entry));
      }
    } catch (IOException e) {
      throw new ModelException(data + ": cannot read it: " + e.getMessage(), e);
    }
    return out;
  }

  private static long requirePresent(Path file, java.util.OptionalLong size) {
    return size.orElseThrow(() -> new ModelException(file + ": missing; a model directory holds "
        + "its weights in variables/variables.index and variables/variables.data-00000-of-00001"));
  }

  private static float[] read(FileChannel channel, Path data, long dataSize, String name,
      long[] shape, BundleEntryProto entry) throws IOException {
    String what = data + ": tensor '" + name + "'";
    if (entry.getDtype() != DataType.DT_FLOAT) {
      throw new ModelException(what + " is " + entry.getDtype() + ", expected DT_FLOAT");
    }
    long[] stored = dims(entry.getShape());
    if (!Arrays.equals(stored, shape)) {
      throw new ModelException(what + " has shape " + Arrays.toString(stored)
          + ", the model's recipe needs " + Arrays.toString(shape));
    }
    if (entry.getSlicesCount() > 0 || entry.getShardId() != 0) {
      throw new ModelException(what + " is stored in slices or shards, which this library "
          + "does not write");
    }
    long elements = 1;
    for (long d : shape) {
      elements *= d;
    }
    if (entry.getSize() != 4 * elements) {
      throw new ModelException(what + " claims " + entry.getSize() + " bytes for "
          + elements + " floats");
    }
    if (entry.getOffset() < 0 || entry.getOffset() > dataSize - entry.getSize()) {
      throw new ModelException(what + " lies at bytes " + entry.getOffset() + "-"
          + (entry.getOffset() + entry.getSize()) + ", past the file's end (" + dataSize
          + " bytes)");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) entry.getSize());
    long position = entry.getOffset();
    while (bytes.hasRemaining()) {
      int n = channel.read(bytes, position);
      if (n < 0) {
        throw new ModelException(what + " ends early: the file shrank while it was read");
      }
      position += n;
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes.array());
    if (mask((int) crc.getValue()) != entry.getCrc32C()) {
      throw new ModelException(what + " fails its checksum: the file is corrupt");
    }
    float[] values = new float[(int) elements];
    bytes.flip();
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new ModelException(what + " holds " + values[i] + " at element " + i);
      }
    }
    return values;
  }

  private static long[] dims(TensorShapeProto shape) {
    long[] dims = new long[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.getDim(i).getSize();
    }
    return dims;
  }

  /** LevelDB's (and TensorFlow's) masked CRC-32C. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  /** Every entry of the index table but the header (the empty key), by tensor name. */
  static Map<String, BundleEntryProto> entries(Path index, byte[] table) {
    Reader footer = new Reader(index, table, table.length - FOOTER_BYTES, table.length);
    if (table.length < FOOTER_BYTES) {
      throw footer.fail("too short for a checkpoint index (" + table.length + " bytes)");
    }
    footer.varint(); // the meta-index block, unused
    footer.varint();
    long indexOffset = footer.varint();
    long indexSize = footer.varint();
    long magic = ByteBuffer.wrap(table, table.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN)
        .getLong();
    if (magic != TABLE_MAGIC) {
      throw footer.fail("not a TensorFlow checkpoint index (no table magic number at its end)");
    }
    Map<String, BundleEntryProto> entries = new TreeMap<>();
    for (byte[][] handle : block(index, table, indexOffset, indexSize).values()) {
      Reader h = new Reader(index, handle[1], 0, handle[1].length);
      long offset = h.varint();
      long size = h.varint();
      for (Map.Entry<String, byte[][]> kv : block(index, table, offset, size).entrySet()) {
        if (kv.getKey().isEmpty()) {
          continue; // the bundle header
        }
        try {
          entries.put(kv.getKey(), BundleEntryProto.parseFrom(kv.getValue()[1]));
        } catch (InvalidProtocolBufferException e) {
          throw new ModelException(index + ": the entry of tensor '" + kv.getKey()
              + "' is not a valid BundleEntryProto: " + e.getMessage(), e);
        }
      }
    }
    return entries;
  }

  /** The key-value pairs of the uncompressed table block at {@code offset}, by key. */
  private static Map<String, byte[][]> block(Path index, byte[] table, long offset, long size) {
    Reader at = new Reader(index, table, 0, table.length);
    if (offset < 0 || size < 4 || offset > table.length - FOOTER_BYTES - BLOCK_TRAILER_BYTES
        || size > table.length - FOOTER_BYTES - BLOCK_TRAILER_BYTES - offset) {
      throw at.fail("a block at byte " + offset + " of " + size + " bytes lies outside the file");
    }
    int start = (int) offset;
    int end = (int) (offset + size);
    if (table[end] != 0) {
      throw at.fail("the block at byte " + start + " is compressed (type " + table[end]
          + "), which this library does not write");
    }
    CRC32C crc = new CRC32C();
    crc.update(table, start, (int) size + 1);
    int stored = ByteBuffer.wrap(table, end + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (mask((int) crc.getValue()) != stored) {
      throw at.fail("the block at byte " + start + " fails its checksum: the file is corrupt");
    }
    int restarts = ByteBuffer.wrap(table, end - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (restarts < 0 || restarts > (size - 4) / 4) {
      throw at.fail("the block at byte " + start + " claims " + restarts + " restart points");
    }
    int entriesEnd = end - 4 - 4 * restarts;
    Map<String, byte[][]> out = new LinkedHashMap<>();
    Reader r = new Reader(index, table, start, entriesEnd);
    byte[] key = new byte[0];
    while (r.position < entriesEnd) {
      int shared = r.length();
      int unshared = r.length();
      int valueLength = r.length();
      if (shared > key.length) {
        throw r.fail("an entry shares " + shared + " bytes of a " + key.length + "-byte key");
      }
      byte[] next = Arrays.copyOf(key, shared + unshared);
      System.arraycopy(r.bytes(unshared), 0, next, shared, unshared);
      key = next;
      byte[] value = r.bytes(valueLength);
      out.put(new String(key, java.nio.charset.StandardCharsets.UTF_8), new byte[][] {key, value});
    }
    return out;
  }

  /** Reads varints and byte runs within {@code [position, end)}, naming the file on failure. */
  private static final class Reader {
    private final Path file;
    private final byte[] data;
    private final int end;
    private int position;

    Reader(Path file, byte[] data, int position, int end) {
      this.file = file;
      this.data = data;
      this.position = Math.max(0, position);
      this.end = end;
    }

    long varint() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= end) {
          throw fail("a number runs past its block");
        }
        int b = data[position++] & 0xFF;
        result |= (long) (b & 0x7F) << shift;
        if (b < 0x80) {
          return result;
        }
      }
      throw fail("a number is longer than 64 bits");
    }

    int length() {
      long v = varint();
      if (v > end - position) {
        throw fail("a length of " + v + " bytes runs past its block");
      }
      return (int) v;
    }

    byte[] bytes(int n) {
      if (n > end - position) {
        throw fail(n + " bytes run past the block");
      }
      byte[] out = Arrays.copyOfRange(data, position, position + n);
      position += n;
      return out;
    }

    ModelException fail(String problem) {
      return new ModelException(file + ": at byte " + position + ": " + problem);
    }
  }
}
