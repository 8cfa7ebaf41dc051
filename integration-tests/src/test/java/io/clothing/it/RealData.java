package io.clothing.it;

import io.clothing.preprocessing.DataUnavailableException;
import io.clothing.preprocessing.FashionMnist;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Fashion-MNIST files, loaded once per test JVM. Without them the tests fail with the
 * way to install them, unless {@code -Dclothing.realData=skip} is given (see the README).
 */
final class RealData {
  private static FashionMnist.Data data;

  private RealData() {}

  static synchronized FashionMnist.Data get() {
    if ("skip".equals(System.getProperty("clothing.realData"))) {
      Assumptions.abort("real-data tests skipped (-Dclothing.realData=skip)");
    }
    if (data == null) {
      try {
        data = FashionMnist.locator().offline(true).build().load();
      } catch (DataUnavailableException e) {
        throw new AssertionError("The integration tests need the real Fashion-MNIST files: "
            + e.getMessage() + ". On a machine without them, run with -Dclothing.realData=skip.",
            e);
      }
    }
    return data;
  }
}
