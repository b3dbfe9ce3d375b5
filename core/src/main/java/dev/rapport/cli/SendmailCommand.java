package dev.rapport.cli;

import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftException;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rapport sendmail -- COMMAND [ARGS…]}: a sendmail wrapper for mutt, neomutt and any client
 * that pipes a message to a sendmail program. The message passes through byte for byte, or not at all.
 */
@Command(
    name = "sendmail",
    mixinStandardHelpOptions = true,
    description = {
      "Lints the message on standard input; if it passes, runs COMMAND with ARGS and the same bytes on "
          + "its standard input and exits with its exit code. If it fails, prints the findings to standard "
          + "error, exits 1 and never runs COMMAND.",
      "",
      "mutt/neomutt: set sendmail=\"rapport sendmail -- msmtp -a default\""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the message passed and COMMAND succeeded (otherwise COMMAND's exit code)",
      "1:the message failed the lint; COMMAND was not run",
      "2:usage error, unreadable message, COMMAND could not be started",
      "3:internal error (please report it)"
    })
final class SendmailCommand implements Callable<Integer>, Main.Io {

  /** Messages with attachments run larger than drafts; past this the wrapper refuses rather than buffers. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  @Spec CommandSpec spec;

  @Mixin LintSettings settings = new LintSettings();

  @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The real sendmail program and its arguments, after '--'.")
  List<String> command = new ArrayList<>();

  private InputStream in = System.in;
  private Map<String, String> env = Map.of();

  @Override
  public void io(InputStream in, Map<String, String> env) {
    this.in = in;
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    LintSettings.Resolved run = settings.resolve(env);
    int threshold = run.failUnder();
    Linter linter = run.linter();

    byte[] message;
    try {
      message = in.readNBytes(MAX_MESSAGE_BYTES + 1);
    } catch (IOException e) {
      throw new CliException(Main.USAGE, "cannot read the message on standard input: "
          + Visible.of(LintCommand.reason(e)) + "; not sent");
    }
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new CliException(Main.USAGE, "message larger than " + (MAX_MESSAGE_BYTES >> 20) + " MB; not sent");
    }
    Draft draft;
    try {
      // The lint limit applies to the text that is linted; attachments only pass through.
      draft = Drafts.parseMessage(message, "message", MAX_MESSAGE_BYTES);
    } catch (DraftException e) {
      throw new CliException(Main.USAGE, "cannot check the message (" + e.getMessage() + "); not sent");
    }
    Scorecard card = linter.lint(draft);
    if (!card.passes(threshold)) {
      new TextReport(err, false).print(draft, card, threshold);
      err.println("rapport: message not sent; fix the findings above, or send it another way.");
      err.flush();
      return Main.FINDINGS;
    }
    if (!card.findings().isEmpty()) {
      // A passing message can still carry warnings: say them before it goes, on standard error, so a
      // client that shows the wrapper's output (or a terminal) lets the writer see what a reader will.
      new TextReport(err, false).print(draft, card, threshold);
      err.println("rapport: sending anyway: the message passes (raise --fail-under or lint.failUnder to hold such drafts back).");
      err.flush();
    }
    return run(message, err);
  }

  private int run(byte[] message, PrintWriter err) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new CliException(Main.USAGE, "cannot run " + command.get(0) + ": " + e.getMessage() + "; not sent");
    }
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write(message);
    } catch (IOException e) {
      // The command closed its input early; its exit code says what happened.
      err.println("rapport: " + command.get(0) + " stopped reading the message: " + e.getMessage());
    }
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new CliException(Main.USAGE, "interrupted while " + command.get(0) + " was sending");
    }
  }
}
