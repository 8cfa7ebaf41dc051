package io.clothing.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.clothing.api.ImageDataset;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  @TempDir Path dir;

  private final ImageDataset train = TestData.random(4, 1);
  private final ImageDataset test = TestData.random(2, 2);
  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/mirror/", exchange -> {
      requests.incrementAndGet();
      String name = exchange.getRequestURI().getPath().substring("/mirror/".length());
      byte[] body = served.get(name);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI mirror() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/");
  }

  /** Writes the two sets as the four .gz files into {@code target}. */
  private void writeIdx(Path target) throws IOException {
    Files.createDirectories(target);
    List<String> names = FashionMnistFiles.IDX_NAMES;
    IdxWriter.write(train, target.resolve(names.get(0) + ".gz"),
        target.resolve(names.get(1) + ".gz"), true);
    IdxWriter.write(test, target.resolve(names.get(2) + ".gz"),
        target.resolve(names.get(3) + ".gz"), true);
  }

  private List<String> serveAndHash() throws Exception {
    Path staging = dir.resolve("staging");
    writeIdx(staging);
    List<String> hashes = new ArrayList<>();
    for (String name : FashionMnistFiles.IDX_NAMES) {
      byte[] gz = Files.readAllBytes(staging.resolve(name + ".gz"));
      served.put(name + ".gz", gz);
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
        hashes.add(HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
      }
    }
    return hashes;
  }

  private FashionMnist.Locator locator() {
    return FashionMnist.locator()
        .environment(Map.of())
        .systemDirectory(dir.resolve("system"))
        .cacheDirectory(dir.resolve("cache"))
        .source(mirror());
  }

  @Test
  void findsTheFilesInTheSystemDirectory() throws IOException {
    writeIdx(dir.resolve("system"));
    FashionMnist.Data data = locator().offline(true).build().load();
    assertThat(data.training()).isEqualTo(train);
    assertThat(data.test()).isEqualTo(test);
    assertThat(data.files().format()).isEqualTo(FashionMnistFiles.Format.IDX);
  }

  @Test
  void anExplicitDirectoryWinsAndMayHoldKaggleCsv() throws IOException {
    writeIdx(dir.resolve("system"));
    Path kaggle = Files.createDirectories(dir.resolve("kaggle"));
    KaggleCsv.write(test, kaggle.resolve("fashion-mnist_train.csv"));
    KaggleCsv.write(train, kaggle.resolve("fashion-mnist_test.csv"));
    FashionMnist.Data data = locator().directory(kaggle).build().load();
    assertThat(data.training()).isEqualTo(test);
    assertThat(data.files().format()).isEqualTo(FashionMnistFiles.Format.CSV);
  }

  @Test
  void theEnvironmentVariableComesBeforeTheSystemDirectory() throws IOException {
    writeIdx(dir.resolve("system"));
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    IdxWriter.write(test, other.resolve("train-images-idx3-ubyte"),
        other.resolve("train-labels-idx1-ubyte"), false);
    IdxWriter.write(train, other.resolve("t10k-images-idx3-ubyte"),
        other.resolve("t10k-labels-idx1-ubyte"), false);
    FashionMnist.Data data = locator()
        .environment(Map.of(FashionMnist.DIRECTORY_VARIABLE, other.toString())).build().load();
    assertThat(data.training()).isEqualTo(test);
  }

  @Test
  void aGivenDirectoryWithoutTheFilesIsAnErrorNotAFallBack() throws IOException {
    writeIdx(dir.resolve("system"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> locator().directory(empty).build().locate())
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining(empty + " (the directory given with --data) does not hold "
            + "Fashion-MNIST")
        .hasMessageContaining("apt-get install dataset-fashion-mnist");
  }

  @Test
  void offlineWithNoFilesSaysHowToGetThem() {
    assertThatThrownBy(() -> locator().offline(true).build().locate())
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("downloading is off (--offline)")
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining("--data DIR");
    assertThat(requests).hasValue(0);
  }

  @Test
  void downloadsVerifiesAndCachesTheFilesWhenNoneAreLocal() throws Exception {
    List<String> hashes = serveAndHash();
    List<String> messages = new ArrayList<>();
    FashionMnist mnist = locator().checksums(hashes).log(messages::add).build();
    FashionMnist.Data data = mnist.load();
    assertThat(data.training()).isEqualTo(train);
    assertThat(data.files().directory()).isEqualTo(dir.resolve("cache"));
    assertThat(messages).anyMatch(m -> m.startsWith("Downloading " + mirror()));
    assertThat(requests).hasValue(4);
    mnist.load(); // now cached: no more requests
    assertThat(requests).hasValue(4);
  }

  @Test
  void theRealChecksumsRefuseOtherDataAndLeaveNothingBehind() throws Exception {
    serveAndHash();
    assertThatThrownBy(() -> locator().build().locate())
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("is not the official Fashion-MNIST file")
        .hasMessageContaining("it was discarded");
    try (var files = Files.list(dir.resolve("cache"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aMissingFileOnTheMirrorIsReported() throws Exception {
    List<String> hashes = serveAndHash();
    served.remove("t10k-images-idx3-ubyte.gz");
    assertThatThrownBy(() -> locator().checksums(hashes).build().locate())
        .hasMessageContaining("t10k-images-idx3-ubyte.gz failed: HTTP 404");
    try (var files = Files.list(dir.resolve("cache"))) {
      assertThat(files).noneMatch(f -> f.toString().endsWith(".part"));
    }
  }

  @Test
  void anUnreachableNetworkGivesAClearMessage() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThatThrownBy(() -> locator().source(URI.create("http://127.0.0.1:" + closedPort + "/"))
        .build().locate())
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("the network is unreachable")
        .hasMessageContaining("apt-get install dataset-fashion-mnist");
  }
}
