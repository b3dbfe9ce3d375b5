package dev.rapport.cli;

import dev.rapport.draft.Address;
import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftException;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import dev.rapport.lint.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rapport sendmail -- COMMAND [ARGS…]}: a sendmail wrapper for mutt, neomutt and any client
 * that pipes a message to a sendmail program. The message passes through byte for byte (less the
 * wrapper's own {@code X-Rapport} and {@code X-Rapport-Ignore} header fields), or not at all.
 */
@Command(
    name = "sendmail",
    mixinStandardHelpOptions = true,
    description = {
      "Lints the message on standard input; if it passes, runs COMMAND with ARGS and the same bytes on "
          + "its standard input and exits with its exit code. If it fails (an error finding, or a score "
          + "under 60, the 'poor' band, unless --fail-under or lint.failUnder says otherwise), prints the "
          + "findings to standard error, exits 1 and never runs COMMAND.",
      "",
      "Positions are line:column of the body as typed (the headers are not counted).",
      "",
      "To send one message anyway, add the header 'X-Rapport: send-anyway' or set RAPPORT_SEND_ANYWAY=1. "
          + "'X-Rapport-Ignore: RULE_ID, ...' leaves rules out for one message. The wrapper removes both "
          + "header fields before it hands the message on; every other byte is passed unchanged.",
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

  /**
   * Messages with attachments run larger than drafts; past this the wrapper refuses rather than
   * buffers.
   */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  /**
   * Without --fail-under or lint.failUnder, a message under this score is held back: the "poor"
   * band.
   */
  static final int DEFAULT_FAIL_UNDER = 60;

  /** The environment variable that sends one message whatever its findings. */
  static final String SEND_ANYWAY_ENV = "RAPPORT_SEND_ANYWAY";

  /**
   * The header field that sends one message whatever its findings ({@code X-Rapport: send-anyway}).
   */
  static final String CONTROL_HEADER = "X-Rapport";

  static final String SEND_ANYWAY = "send-anyway";

  /** The header field that leaves rules out for one message (the draft parser reads it). */
  static final String IGNORE_HEADER = "X-Rapport-Ignore";

  @Spec CommandSpec spec;

  @Mixin LintSettings settings = new LintSettings();

  @Parameters(
      paramLabel = "COMMAND",
      arity = "1..*",
      description = "The real sendmail program and its arguments, after '--'.")
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
    int threshold = run.explicit() ? run.failUnder() : DEFAULT_FAIL_UNDER;
    Linter linter = run.linter();

    byte[] message;
    try {
      message = in.readNBytes(MAX_MESSAGE_BYTES + 1);
    } catch (IOException e) {
      throw new CliException(
          Main.USAGE,
          "cannot read the message on standard input: "
              + Visible.of(LintCommand.reason(e))
              + "; not sent");
    }
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new CliException(
          Main.USAGE, "message larger than " + (MAX_MESSAGE_BYTES >> 20) + " MB; not sent");
    }
    Draft draft;
    try {
      // The lint limit applies to the text that is linted; attachments only pass through.
      draft = Drafts.parseMessage(message, "message", MAX_MESSAGE_BYTES);
    } catch (DraftException e) {
      throw new CliException(
          Main.USAGE, "cannot check the message (" + e.getMessage() + "); not sent");
    }
    Stripped stripped = strip(message);
    String control = stripped.control().strip();
    boolean anywayByHeader = control.equalsIgnoreCase(SEND_ANYWAY);
    boolean anywayByEnv = "1".equals(env.get(SEND_ANYWAY_ENV));
    Scorecard card = linter.lint(draft);
    boolean passes = card.passes(threshold);
    TextReport report = new TextReport(err, false, f -> place(draft, f));
    if (!passes && !anywayByHeader && !anywayByEnv) {
      // One error line, first, as a mail client's error pager shows it: not sent, why, and to whom;
      // then the report (its lines indented or labelled "message"), then how to send it anyway.
      err.println(
          "rapport: message not sent: "
              + card.overall()
              + "/100, "
              + card.band().words()
              + (card.hasErrors() ? ", with errors" : "")
              + (card.overall() < threshold ? " (under " + threshold + ")" : "")
              + ".");
      recipients(draft, err);
      if (!control.isEmpty()) {
        err.println(
            "    "
                + CONTROL_HEADER
                + ": '"
                + Visible.of(control)
                + "' is not understood; '"
                + SEND_ANYWAY
                + "' sends a message whatever its findings.");
      }
      notes(draft, linter, err, "    ");
      report.print(draft, card, threshold);
      err.println("    Positions are line:column of the body as typed (headers not counted).");
      err.println(
          "    To send it anyway: add the header '"
              + CONTROL_HEADER
              + ": "
              + SEND_ANYWAY
              + "', or set "
              + SEND_ANYWAY_ENV
              + "=1.");
      err.println(
          "    To leave out one rule for this message: add the header '"
              + IGNORE_HEADER
              + ": RULE_ID'.");
      err.flush();
      return Main.FINDINGS;
    }
    notes(draft, linter, err, "rapport: ");
    if (!card.findings().isEmpty() || !passes) {
      // A passing message can still carry warnings: say them before it goes, on standard error, so
      // a
      // client that shows the wrapper's output (or a terminal) lets the writer see what a reader
      // will.
      report.print(draft, card, threshold);
      if (passes) {
        err.println(
            "rapport: sending anyway: the message passes (raise --fail-under or lint.failUnder to hold such drafts back).");
      } else {
        err.println(
            "rapport: sending anyway, as "
                + (anywayByHeader
                    ? "the header '" + CONTROL_HEADER + ": " + SEND_ANYWAY + "'"
                    : SEND_ANYWAY_ENV + "=1")
                + " asks.");
      }
      err.flush();
    }
    return run(stripped.bytes(), err);
  }

  /**
   * "message body:3:1" counted in the text as typed (decoded, headers not counted), or "message
   * subject:1:9".
   */
  static String place(Draft draft, Finding f) {
    Span span = f.span();
    String text = span.field() == Span.Field.SUBJECT ? draft.subject() : draft.text();
    int at = Math.min(span.start(), text.length());
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    int line = 1;
    for (int i = 0; i < lineStart; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    int column = text.codePointCount(lineStart, at) + 1;
    return (span.field() == Span.Field.SUBJECT ? "message subject:" : "message body:")
        + line
        + ":"
        + column;
  }

  private static void recipients(Draft draft, PrintWriter err) {
    List<String> to = new ArrayList<>();
    for (Address a : draft.to()) {
      to.add(a.toString());
    }
    for (Address a : draft.cc()) {
      to.add(a.toString() + " (cc)");
    }
    if (!to.isEmpty()) {
      err.println("    to: " + Visible.of(String.join(", ", to)));
    }
    if (!draft.subject().isEmpty()) {
      err.println("    subject: " + Visible.of(draft.subject()));
    }
  }

  private static void notes(Draft draft, Linter linter, PrintWriter err, String prefix) {
    for (String note : IgnoredRules.notes(draft, linter)) {
      err.println(prefix + note);
    }
  }

  /**
   * The message to hand on, and the value of its {@code X-Rapport} field (empty if it has none).
   */
  record Stripped(byte[] bytes, String control) {}

  /**
   * Removes the {@code X-Rapport} and {@code X-Rapport-Ignore} fields (with their folded lines)
   * from the header section; every other byte, line endings included, stays as it was. A message
   * with no such field comes back as the very same array.
   */
  static Stripped strip(byte[] message) {
    ByteArrayOutputStream out = null;
    StringBuilder control = new StringBuilder();
    boolean dropping = false;
    boolean controlField = false;
    int kept = 0; // bytes before this offset are already in out (or, with out null, unchanged)
    for (int start = 0; start < message.length; ) {
      int nl = indexOf(message, (byte) '\n', start);
      int end = nl < 0 ? message.length : nl + 1;
      int contentEnd =
          nl < 0 ? message.length : (nl > start && message[nl - 1] == '\r' ? nl - 1 : nl);
      if (contentEnd == start) {
        break; // the blank line that ends the header section
      }
      boolean continuation = message[start] == ' ' || message[start] == '\t';
      if (!continuation) {
        String name = fieldName(message, start, contentEnd);
        if (name == null && !(start == 0 && startsWith(message, "From "))) {
          break; // not a header line: a headerless message, or the body
        }
        controlField = CONTROL_HEADER.equalsIgnoreCase(name);
        dropping = controlField || IGNORE_HEADER.equalsIgnoreCase(name);
      }
      if (dropping) {
        if (out == null) {
          out = new ByteArrayOutputStream(message.length);
        }
        out.write(message, kept, start - kept);
        kept = end;
        if (controlField) {
          int from = continuation ? start : indexOf(message, (byte) ':', start) + 1;
          control
              .append(new String(message, from, contentEnd - from, StandardCharsets.ISO_8859_1))
              .append(' ');
        }
      }
      start = end;
    }
    if (out == null) {
      return new Stripped(message, "");
    }
    out.write(message, kept, message.length - kept);
    return new Stripped(out.toByteArray(), control.toString().strip().toLowerCase(Locale.ROOT));
  }

  /** The field name of a header line ("X-Rapport"), or null if the line is not one. */
  private static String fieldName(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      int c = b[i] & 0xff;
      if (c == ':') {
        return i == start ? null : new String(b, start, i - start, StandardCharsets.ISO_8859_1);
      }
      if (c < 33 || c > 126) {
        return null;
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] b, String prefix) {
    if (b.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, byte x, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private int run(byte[] message, PrintWriter err) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new CliException(
          Main.USAGE, "cannot run " + command.get(0) + ": " + e.getMessage() + "; not sent");
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
