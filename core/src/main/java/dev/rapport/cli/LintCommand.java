package dev.rapport.cli;

import dev.rapport.config.RapportConfig;
import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftException;
import dev.rapport.draft.Drafts;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import dev.rapport.lint.ScorecardJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rapport lint}: scores drafts and lists findings. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Scores drafts on brevity, specificity, personalization and visa-status transparency, and lists what to fix.",
      "Reads .eml messages, HTML and plain text; '-' reads standard input."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every draft passes",
      "1:a draft has an error finding or scores under --fail-under",
      "2:usage error, unreadable input or bad configuration",
      "3:internal error (please report it)"
    })
final class LintCommand implements Callable<Integer>, Main.Io {

  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Mixin LintSettings settings = new LintSettings();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format = Format.text;

  enum Color {
    auto,
    always,
    never
  }

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description =
          "Colour the text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal, never with NO_COLOR set).",
      defaultValue = "auto")
  Color color = Color.auto;

  @Option(
      names = "--imap",
      paramLabel = "URL",
      description =
          "Read the mailbox imap[s]://USER@HOST[:PORT] so timing rules know the thread: a first contact, a follow-up too soon or one too many.")
  @Nullable String imap;

  @Option(
      names = "--allow-plaintext",
      description =
          "With --imap: allow an unencrypted imap:// connection to a host other than this machine.")
  boolean allowPlaintext;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Drafts to check: .eml, .html, .txt, or '-' for standard input.")
  List<String> files = new ArrayList<>();

  private InputStream in = System.in;
  private Map<String, String> env = Map.of();

  @Override
  public void io(InputStream in, Map<String, String> env) {
    this.in = in;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LintSettings.Resolved run = settings.resolve(env);
    RapportConfig config = run.config();
    int threshold = run.failUnder();
    Linter linter = run.linter();
    MailboxSnapshot mailbox =
        imap == null
            ? null
            : MailboxAccess.read(
                MailboxAccess.accounts(imap, allowPlaintext, config).get(0), env, err);

    List<Scorecard> cards = new ArrayList<>();
    int exit = Main.OK;
    boolean stdinUsed = false;
    for (String file : files) {
      String shown = Visible.of(file);
      Draft draft;
      try {
        if (file.equals("-")) {
          if (stdinUsed) {
            throw new DraftException("standard input ('-') can be read only once");
          }
          stdinUsed = true;
          draft = Drafts.parse(in, "-");
        } else {
          // Text mode prints the name on a terminal: made visible there, kept exact in JSON.
          draft = Drafts.parse(InputFiles.resolve(file), format == Format.text ? shown : file);
        }
      } catch (AccessDeniedException e) {
        err.println("rapport: " + shown + ": permission denied");
        exit = Main.USAGE;
        continue;
      } catch (DraftException | StandardInput.ClosedException e) {
        err.println("rapport: " + shown + ": " + Visible.of(String.valueOf(e.getMessage())));
        exit = Main.USAGE;
        continue;
      } catch (java.nio.file.InvalidPathException e) {
        err.println("rapport: " + shown + ": not a valid file name");
        exit = Main.USAGE;
        continue;
      } catch (IOException | RuntimeException e) {
        err.println("rapport: " + shown + ": cannot read: " + Visible.of(reason(e)));
        exit = Main.USAGE;
        continue;
      } catch (OutOfMemoryError e) {
        err.println("rapport: " + shown + ": too large to check in the memory available");
        exit = Main.USAGE;
        continue;
      }
      Scorecard card =
          linter.lint(
              draft,
              mailbox == null || draft.to().isEmpty()
                  ? null
                  : mailbox.threadContext(draft.to().get(0).email()));
      for (String note : IgnoredRules.notes(draft, linter)) {
        err.println("rapport: " + shown + ": " + note);
      }
      cards.add(card);
      if (!card.passes(threshold) && exit == Main.OK) {
        exit = Main.FINDINGS;
      }
      if (format == Format.text) {
        new TextReport(out, useColor()).print(draft, card, threshold);
      }
    }
    if (format == Format.json) {
      out.println(ScorecardJson.toJson(cards, threshold, true));
    }
    out.flush();
    return exit;
  }

  /** An I/O error's reason without the file name the JDK puts in front of it (we print our own). */
  static String reason(Exception e) {
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  private boolean useColor() {
    switch (color) {
      case always:
        return true;
      case never:
        return false;
      default:
        return env.containsKey(Main.TERMINAL)
            && !env.containsKey("NO_COLOR")
            && !"dumb".equals(env.get("TERM"));
    }
  }
}
