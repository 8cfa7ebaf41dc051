package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.cli.ClothingCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ExploreIT {

  @Test
  void exploreReportsTheRealDataLikeTheNotebook() {
    RealData.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ClothingCommand.run(new String[] {"explore", "--offline"},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Number of training examples: (60000, 785)")
        .contains("Number of testing examples: (10000, 785)")
        .contains("[5 rows x 785 columns]")
        .contains("  9     Ankle boot       6000   10.0%     1000   10.0%")
        .contains("The classes are balanced");
  }
}
