package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.Severity;
import dev.rapport.lint.Span;
import dev.rapport.lint.VisaNeed;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the draft says about citizenship and visa must agree with the sender's profile: a wrong
 * statement, discovered later, costs the writer the reader's trust and perhaps the position. Judged
 * in every message, since a wrong statement is wrong whatever the ask; without a profile nothing is
 * checked.
 */
final class VisaProfileConflict implements Rule {

  @Override
  public String id() {
    return "VISA_PROFILE_CONFLICT";
  }

  @Override
  public Dimension dimension() {
    return Dimension.VISA_TRANSPARENCY;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "The draft's statement of citizenship or visa contradicts the sender profile (says J-1 when the profile says H-1B…).";
  }

  private static final SenderProfile NEEDS_H1B =
      new SenderProfile("Ahmed Farouk", null, "Egypt", "Egyptian", VisaNeed.H1B);
  private static final SenderProfile NEEDS_J1 =
      new SenderProfile("Ahmed Farouk", null, "Egypt", "Egyptian", VisaNeed.J1);
  private static final SenderProfile GREEN_CARD =
      new SenderProfile("Ahmed Farouk", null, "Egypt", "Egyptian", VisaNeed.NONE);

  @Override
  public List<RuleExample> examples() {
    String start = "Dear Dr. Lind,\n\nI am an IMG from Egypt. ";
    String end =
        " Does your program offer research positions in stroke rehabilitation?\n\nBest,\nAhmed";
    return List.of(
        RuleExample.bad(start + "I would need J-1 sponsorship." + end).with(NEEDS_H1B),
        RuleExample.bad(start + "I am a US citizen, so I do not need a visa." + end).with(NEEDS_J1),
        RuleExample.bad(start + "I will need H-1B sponsorship." + end).with(GREEN_CARD),
        RuleExample.good(start + "I would need J-1 sponsorship." + end).with(NEEDS_J1),
        RuleExample.good(start + "I am a permanent resident and do not need a visa." + end)
            .with(GREEN_CARD),
        RuleExample.good(start + "I would need J-1 sponsorship." + end));
  }

  @Override
  public boolean appliesTo(LintContext context) {
    return VisaStatements.trainingAsk(context) != null;
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    SenderProfile p = context.profile();
    VisaNeed need = p.visa();
    boolean needsVisa = need == VisaNeed.J1 || need == VisaNeed.H1B;
    boolean usProfile = VisaStatements.isUs(p.citizenship());
    boolean nonUsProfile = p.citizenship() != null && !usProfile;
    if (need == VisaNeed.UNKNOWN && p.citizenship() == null) {
      return;
    }
    VisaStatements.Claims c = VisaStatements.claims(context);
    if (c.usCitizen() != null && (needsVisa || nonUsProfile)) {
      report(
          reporter,
          c.usCitizen(),
          "The draft says you are a US citizen, but your profile says "
              + (needsVisa
                  ? "you need a " + need.label() + " visa"
                  : "your citizenship is " + p.citizenship())
              + ".");
    }
    if (c.noVisa() != null && needsVisa) {
      report(
          reporter,
          c.noVisa(),
          "The draft says you need no visa, but your profile says you need a "
              + need.label()
              + ".");
    }
    if (c.nonCitizen() != null && usProfile) {
      report(
          reporter,
          c.nonCitizen(),
          "The draft says you are not a US citizen, but your profile says you are.");
    }
    if (need == VisaNeed.NONE && c.noVisa() == null) {
      Span s = firstOf(c.needsVisa(), firstOf(c.j1(), c.h1b()));
      if (s != null) {
        report(reporter, s, "The draft says you need a visa, but your profile says you need none.");
      }
    }
    if (need == VisaNeed.J1 && c.h1b() != null && c.j1() == null) {
      report(reporter, c.h1b(), "The draft says H-1B, but your profile says you need a J-1.");
    }
    if (need == VisaNeed.H1B && c.j1() != null && c.h1b() == null) {
      report(reporter, c.j1(), "The draft says J-1, but your profile says you need an H-1B.");
    }
  }

  private static @Nullable Span firstOf(@Nullable Span a, @Nullable Span b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.start() <= b.start() ? a : b;
  }

  private static void report(Reporter reporter, Span at, String message) {
    reporter.report(
        at,
        message,
        "State your status exactly as it is (or correct the profile); a wrong statement costs more than the truth.",
        50);
  }
}
