package io.clothing.cli;

import io.clothing.api.ClothingException;
import io.clothing.api.DataFormatException;
import io.clothing.api.ModelException;
import io.clothing.api.RecipeException;
import io.clothing.preprocessing.DataUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code clothing} command: explores Fashion-MNIST and (as the other modules arrive) trains,
 * evaluates and serves clothing classifiers.
 *
 * <p>Exit codes: 0 success; 2 bad arguments, bad input files or a refused model directory
 * (one {@code error:} line); 1 any other failure. {@code --verbose} adds the stack trace.
 */
@Command(
    name = "clothing",
    mixinStandardHelpOptions = true,
    versionProvider = ClothingCommand.Version.class,
    description = "Classifies images of clothing into the ten Fashion-MNIST classes.",
    footer = {"", "Scoring a whole catalog of image files on Apache Spark: ./clothing score "
        + "--help (the launcher runs it with Spark on the class path)."},
    subcommands = {ExploreCommand.class, SummaryCommand.class, TrainCommand.class,
        EvaluateCommand.class, PredictCommand.class, AugmentCommand.class, BenchCommand.class,
        CalibrateCommand.class, EnsembleCommand.class,
        CommandLine.HelpCommand.class})
public final class ClothingCommand {
  /** Exit code for bad arguments and bad input files. */
  public static final int USAGE = 2;
  /** Exit code for failures at run time. */
  public static final int FAILURE = 1;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line with the given output streams and returns the exit code; used by tests
   * and by {@link #main}.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new ClothingCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage()
          + " (see 'clothing " + e.getCommandLine().getCommandSpec().qualifiedName(" ")
              .replaceFirst("^clothing ?", "") + " --help')".replace("  ", " "));
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean verbose = parseResult.matchedOption("--verbose") != null
          || hasVerbose(parseResult);
      commandLine.getErr().println("error: " + message(e));
      if (verbose) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return isUsage(e) ? USAGE : FAILURE;
    });
    return cli.execute(args);
  }

  private static boolean hasVerbose(CommandLine.ParseResult result) {
    for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.matchedOption("--verbose") != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUsage(Exception e) {
    return e instanceof DataFormatException || e instanceof RecipeException
        || e instanceof DataUnavailableException || e instanceof IllegalArgumentException
        || e instanceof ModelException;
  }

  private static String message(Exception e) {
    if (e instanceof ClothingException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ClothingCommand.class.getPackage().getImplementationVersion();
      return new String[] {"clothing " + (v == null ? "(development build)" : v)};
    }
  }
}
