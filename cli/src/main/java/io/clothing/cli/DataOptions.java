package io.clothing.cli;

import io.clothing.preprocessing.FashionMnist;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say where Fashion-MNIST comes from, shared by every command that reads it. */
final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Directory with the four *-ubyte[.gz] files or Kaggle's two CSV files. "
          + "Default: $FASHION_MNIST_DIR, else /usr/share/datasets/fashion-mnist, else the "
          + "per-user cache (downloading there if needed).")
  Path directory;

  @Option(names = "--offline", description = "Never download the data set.")
  boolean offline;

  @Option(names = "--data-url", paramLabel = "URL",
      description = "Base URL of a mirror to download the *-ubyte.gz files from (default: "
          + "${DEFAULT-VALUE}).")
  URI source = FashionMnist.DEFAULT_SOURCE;

  /** Loads the data set, reporting downloads on {@code err}. */
  FashionMnist.Data load(PrintWriter err) {
    return FashionMnist.locator()
        .directory(directory)
        .offline(offline)
        .source(source)
        .log(message -> {
          err.println(message);
          err.flush();
        })
        .build()
        .load();
  }
}
