package io.clothing.preprocessing;

import io.clothing.api.ImageDataset;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Finds, downloads when necessary, and loads the Fashion-MNIST data set.
 *
 * <p>Where the files are looked for, in order:
 * <ol>
 *   <li>the directory given explicitly ({@code --data DIR}); if it lacks the files that is an
 *       error, never a silent fall-back;
 *   <li>the directory in the environment variable {@code FASHION_MNIST_DIR} (likewise);
 *   <li>{@code /usr/share/datasets/fashion-mnist}, where Debian's package
 *       {@code dataset-fashion-mnist} puts them;
 *   <li>the per-user cache, {@code $XDG_CACHE_HOME/clothing/fashion-mnist} (default
 *       {@code ~/.cache/clothing/fashion-mnist}).
 * </ol>
 * When none has them, the four official {@code *-ubyte.gz} files are downloaded into the cache,
 * as Keras' {@code load_data()} does, unless offline. Each download goes to a temporary file that
 * is moved into place only after its SHA-256 (of the decompressed content, so a mirror that
 * re-compresses still verifies) matches; a failed or partial download never stays behind.
 *
 * <p>Instances are immutable and thread-safe; build one with {@link #locator()}.
 */
public final class FashionMnist {
  /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
  public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
  /** Keras' source of the files; any mirror with the same four file names will do. */
  public static final URI DEFAULT_SOURCE =
      URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/");
  /** The environment variable naming a directory with the files. */
  public static final String DIRECTORY_VARIABLE = "FASHION_MNIST_DIR";

  /** SHA-256 of the decompressed official files, in {@link FashionMnistFiles#IDX_NAMES} order. */
  static final List<String> SHA256 = List.of(
      "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  private static final String HOW_TO_PROVIDE =
      "install Debian's package with 'apt-get install dataset-fashion-mnist', or pass --data DIR "
          + "(or set " + DIRECTORY_VARIABLE + ") to a directory holding the four *-ubyte.gz files "
          + "or Kaggle's fashion-mnist_train.csv and fashion-mnist_test.csv";

  private final Path explicitDirectory;
  private final Map<String, String> environment;
  private final Path systemDirectory;
  private final Path cacheDirectory;
  private final URI source;
  private final boolean offline;
  private final Consumer<String> log;
  private final List<String> sha256;

  private FashionMnist(Locator b) {
    this.explicitDirectory = b.explicitDirectory;
    this.environment = Map.copyOf(b.environment);
    this.systemDirectory = b.systemDirectory;
    this.cacheDirectory = b.cacheDirectory != null ? b.cacheDirectory : defaultCache(environment);
    this.source = b.source;
    this.offline = b.offline;
    this.log = b.log;
    this.sha256 = List.copyOf(b.sha256);
  }

  /** A locator with the defaults described in the class comment. */
  public static Locator locator() {
    return new Locator();
  }

  /**
   * The training and test sets.
   *
   * @param training the official 60,000 training images; never null
   * @param test the official 10,000 test images; never null
   * @param files where they were read from; never null
   * @param seconds how long reading took, wall clock
   */
  public record Data(ImageDataset training, ImageDataset test, FashionMnistFiles files,
      double seconds) {}

  /**
   * Finds the files, downloading them if necessary; see the class comment.
   *
   * @throws DataUnavailableException if they are nowhere and cannot be downloaded
   */
  public FashionMnistFiles locate() {
    if (explicitDirectory != null) {
      return FashionMnistFiles.in(explicitDirectory).orElseThrow(() -> missingIn(
          explicitDirectory, "the directory given with --data"));
    }
    String variable = environment.get(DIRECTORY_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      Path dir = Path.of(variable);
      return FashionMnistFiles.in(dir).orElseThrow(() -> missingIn(dir,
          "the directory " + DIRECTORY_VARIABLE + " names"));
    }
    Optional<FashionMnistFiles> found = FashionMnistFiles.in(systemDirectory)
        .or(() -> FashionMnistFiles.in(cacheDirectory));
    if (found.isPresent()) {
      return found.get();
    }
    if (offline) {
      throw new DataUnavailableException("Fashion-MNIST was not found in " + systemDirectory
          + " or " + cacheDirectory + ", and downloading is off (--offline): " + HOW_TO_PROVIDE,
          null);
    }
    download();
    return FashionMnistFiles.in(cacheDirectory).orElseThrow();
  }

  /**
   * Finds and reads the training and test sets (the two in parallel).
   *
   * @throws DataUnavailableException if the files are nowhere and cannot be downloaded
   * @throws io.clothing.api.DataFormatException if a file is malformed
   */
  public Data load() {
    return read(locate());
  }

  /** Reads the training and test sets from {@code files}. */
  public static Data read(FashionMnistFiles files) {
    long start = System.nanoTime();
    CompletableFuture<ImageDataset> test = CompletableFuture.supplyAsync(
        () -> readOne(files, files.testImages(), files.testLabels()));
    ImageDataset training = readOne(files, files.trainImages(), files.trainLabels());
    ImageDataset testSet;
    try {
      testSet = test.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    return new Data(training, testSet, files, (System.nanoTime() - start) / 1e9);
  }

  private static ImageDataset readOne(FashionMnistFiles files, Path images, Path labels) {
    return files.format() == FashionMnistFiles.Format.IDX
        ? IdxReader.read(images, labels)
        : KaggleCsv.read(images);
  }

  private DataUnavailableException missingIn(Path dir, String what) {
    return new DataUnavailableException(dir + " (" + what + ") does not hold Fashion-MNIST: "
        + (Files.isDirectory(dir) ? "expected " + String.join(", ", FashionMnistFiles.IDX_NAMES)
            + " (each optionally .gz) or " + String.join(" and ", FashionMnistFiles.CSV_NAMES)
            : "no such directory") + "; " + HOW_TO_PROVIDE, null);
  }

  private void download() {
    try {
      Files.createDirectories(cacheDirectory);
    } catch (IOException e) {
      throw new DataUnavailableException("cannot create the cache directory " + cacheDirectory
          + " for the download (" + e.getMessage() + "); " + HOW_TO_PROVIDE, e);
    }
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    log.accept("Fashion-MNIST was not found locally; downloading it into " + cacheDirectory);
    for (int i = 0; i < FashionMnistFiles.IDX_NAMES.size(); i++) {
      String name = FashionMnistFiles.IDX_NAMES.get(i) + ".gz";
      Path target = cacheDirectory.resolve(name);
      if (Files.isRegularFile(target)) {
        continue;
      }
      fetch(client, source.resolve(name), target, sha256.get(i));
    }
  }

  private void fetch(HttpClient client, URI uri, Path target, String expectedSha256) {
    log.accept("Downloading " + uri);
    Path partial = null;
    try {
      partial = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build();
      HttpResponse<Path> response = client.send(request,
          HttpResponse.BodyHandlers.ofFile(partial));
      if (response.statusCode() != 200) {
        throw new DataUnavailableException("downloading " + uri + " failed: HTTP "
            + response.statusCode() + "; " + HOW_TO_PROVIDE, null);
      }
      String actual = decompressedSha256(partial, uri);
      if (!actual.equals(expectedSha256)) {
        throw new DataUnavailableException("the file downloaded from " + uri
            + " is not the official Fashion-MNIST file (SHA-256 of its content " + actual
            + ", expected " + expectedSha256 + "); it was discarded. " + HOW_TO_PROVIDE, null);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      log.accept(String.format("  saved %s (%,d bytes)", target, Files.size(target)));
      partial = null;
    } catch (ConnectException | UnknownHostException | HttpTimeoutException e) {
      throw new DataUnavailableException("cannot download Fashion-MNIST from " + uri
          + ": the network is unreachable (" + e + "); " + HOW_TO_PROVIDE, e);
    } catch (IOException e) {
      throw new DataUnavailableException("downloading " + uri + " failed (" + e + "); "
          + HOW_TO_PROVIDE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataUnavailableException("downloading " + uri + " was interrupted", e);
    } finally {
      if (partial != null) {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // best effort: a stray .part file is never mistaken for data
        }
      }
    }
  }

  private static String decompressedSha256(Path file, URI uri) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(
        new GZIPInputStream(Files.newInputStream(file), 1 << 16), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new DataUnavailableException("the file downloaded from " + uri
          + " is not valid gzip data (" + e.getMessage() + "); it was discarded. "
          + HOW_TO_PROVIDE, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Path defaultCache(Map<String, String> environment) {
    String xdg = environment.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("clothing").resolve("fashion-mnist");
  }

  /** Where to look and whether to download. Not thread-safe; {@link #build()} is. */
  public static final class Locator {
    private Path explicitDirectory;
    private Map<String, String> environment = System.getenv();
    private Path systemDirectory = DEBIAN_DIRECTORY;
    private Path cacheDirectory;
    private URI source = DEFAULT_SOURCE;
    private boolean offline;
    private Consumer<String> log = message -> { };
    private List<String> sha256 = SHA256;

    private Locator() {}

    /** The directory given by the user ({@code --data}); null for none (default). */
    public Locator directory(Path directory) {
      this.explicitDirectory = directory;
      return this;
    }

    /** The environment to read {@code FASHION_MNIST_DIR} and {@code XDG_CACHE_HOME} from. */
    public Locator environment(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment);
      return this;
    }

    /** The system-wide directory (default {@link #DEBIAN_DIRECTORY}). */
    public Locator systemDirectory(Path directory) {
      this.systemDirectory = Objects.requireNonNull(directory);
      return this;
    }

    /** The download cache (default under {@code XDG_CACHE_HOME} or {@code ~/.cache}). */
    public Locator cacheDirectory(Path directory) {
      this.cacheDirectory = Objects.requireNonNull(directory);
      return this;
    }

    /** The base URL the four {@code *.gz} files are downloaded from (a mirror, say). */
    public Locator source(URI base) {
      String s = base.toString();
      this.source = s.endsWith("/") ? base : URI.create(s + "/");
      return this;
    }

    /** Forbid downloading (default false). */
    public Locator offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /** Where progress messages about downloads go (default nowhere). */
    public Locator log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log);
      return this;
    }

    /** The expected SHA-256 of the four decompressed files; for tests against other data. */
    Locator checksums(List<String> sha256) {
      if (sha256.size() != 4) {
        throw new IllegalArgumentException("four checksums needed");
      }
      this.sha256 = new ArrayList<>(sha256);
      return this;
    }

    /** The configured locator. */
    public FashionMnist build() {
      return new FashionMnist(this);
    }
  }
}
