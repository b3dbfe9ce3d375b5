package dev.rapport.lint.rules;

import dev.rapport.lint.AskDetector;
import dev.rapport.lint.AskDetector.Kind;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import java.util.ArrayList;
import java.util.List;

/**
 * "Could we talk sometime?" costs the reader an unknown amount of time; "15 minutes by video call"
 * is easy to grant.
 */
final class UnboundedAsk implements Rule {

  @Override
  public String id() {
    return "UNBOUNDED_ASK";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "The request has no time box (\"15 minutes\"), format (\"a video call or email\") or purpose (\"to ask how…\").";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad("Dear Dr. Silva,\n\nCould we meet sometime?\n\nBest,\nLucas"),
        RuleExample.bad(
            "Dear Dr. Silva,\n\nI would be grateful for your guidance.\n\nBest,\nLucas"),
        RuleExample.good(
            "Dear Dr. Silva,\n\nWould you have 15 minutes for a video call next month? I would like to ask how you "
                + "started your pediatric rehabilitation research.\n\nBest,\nLucas"),
        // A concrete question is bounded by what it asks.
        RuleExample.good(
            "Dear Dr. Silva,\n\nDoes your program sponsor J-1 visas for residents?\n\nBest,\nLucas"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    // A question to a program's office asks for an answer, not for someone's time.
    if (Situation.programOffice(context)) {
      return;
    }
    List<AskDetector.Ask> main = new ArrayList<>();
    for (AskDetector.Ask a : context.asks()) {
      if (a.isRequest()) {
        main.add(a);
      }
    }
    if (main.stream().anyMatch(a -> a.kind() != Kind.OTHER)) {
      // A request the detector cannot place ("I have one request.") is judged only when there is no
      // other.
      main.removeIf(a -> a.kind() == Kind.OTHER);
    }
    AskDetector.Ask unbounded = null;
    for (AskDetector.Ask a : main) {
      if (a.bounded() && a.kind() != Kind.INFORMATION && a.kind() != Kind.OTHER) {
        return; // the message's real request is bounded; a "please let me know" after it need not
        // be
      }
      if (!a.bounded() && unbounded == null) {
        unbounded = a;
      }
    }
    if (unbounded == null) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!unbounded.timeBox()) {
      missing.add("time box (\"15 minutes\")");
    }
    if (!unbounded.format()) {
      missing.add("format (\"a video call or email\")");
    }
    if (!unbounded.purpose()) {
      missing.add("purpose (\"to ask how you chose…\")");
    }
    String what = unbounded.kind() == Kind.MEETING ? "The request for a meeting" : "The request";
    reporter.report(
        unbounded.span(),
        what + " is open-ended: it has no " + String.join(", no ", missing) + ".",
        "Say how much time, in what form and what for: \"15 minutes by video call to ask how you chose your fellowship\".",
        missing.size() == 3 ? 12 : 8);
  }
}
