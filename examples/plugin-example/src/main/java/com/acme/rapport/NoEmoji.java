package com.acme.rapport;

import dev.rapport.draft.Segment;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags emoji in an outreach email: in a first message to a faculty member they read as casual, and
 * some mail clients show them as empty boxes. Looks at the subject and at what the writer wrote now
 * (not at quoted replies or the signature). An emoji sequence (a family, a flag, a thumbs-up with a
 * skin tone) counts once.
 *
 * <p>Stateless and thread-safe, as every {@link Rule} must be: Rapport creates one instance and
 * calls {@link #check} for many drafts, from several threads.
 */
public final class NoEmoji implements Rule {

  /** Rapport creates rules through this public no-argument constructor (ServiceLoader's rule). */
  public NoEmoji() {}

  @Override
  public String id() {
    // PLUGIN.RULE_ID: the namespace is the plugin's, so it can never clash with Rapport's own
    // rules.
    return "ACME.NO_EMOJI";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "Emoji in the subject or the text you wrote read as casual to a faculty member you have not met.";
  }

  @Override
  public List<RuleOption> options() {
    // Configured as [rules."ACME.NO_EMOJI"] maxEmoji = 1; Rapport checks the bounds at start.
    return List.of(
        RuleOption.integer(
            "maxEmoji",
            0,
            0,
            20,
            "how many emoji a draft may hold before each further one is flagged"));
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        // A saved message encodes the subject (RFC 2047): this one is "Quick question 🙂".
        RuleExample.bad(
            "Subject: =?UTF-8?Q?Quick_question_=F0=9F=99=82?=\n\nDear Dr. Lee,\n\nMay I ask about your stroke clinic?\n\nBest,\nAna"),
        RuleExample.bad(
            "Dear Dr. Lee,\n\nThank you so much for the talk! \uD83D\uDE4F\uD83C\uDFFD\n\nBest,\nAna"),
        RuleExample.good(
            "Dear Dr. Lee,\n\nThank you for your talk on spasticity after stroke.\n\nBest,\nAna"),
        // Someone else's emoji in a quoted reply are not the writer's.
        RuleExample.good(
            "Dear Dr. Lee,\n\nThank you, I will be there.\n\nBest,\nAna\n\nOn Monday, Dr. Lee wrote:\n> See you then \uD83D\uDC4D\n"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    List<Span> found = new ArrayList<>();
    emoji(context.draft().subject(), 0, context.draft().subject().length(), true, found);
    for (Segment s : context.draft().newText()) {
      emoji(context.draft().text(), s.start(), s.end(), false, found);
    }
    int allowed = context.options().integer("maxEmoji");
    for (int i = allowed; i < found.size(); i++) {
      Span span = found.get(i);
      reporter.report(
          span,
          "The emoji " + context.text(span) + " reads as casual to someone you have not met.",
          "Say it in words, or leave it out.",
          5);
    }
  }

  /** Adds the spans of emoji sequences in {@code text[from, to)}. */
  private static void emoji(String text, int from, int to, boolean subject, List<Span> out) {
    int i = from;
    while (i < to) {
      int cp = text.codePointAt(i);
      if (!isPictograph(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      i += Character.charCount(cp);
      // Modifiers, variation selectors, joiners and the pictographs they join belong to one emoji.
      while (i < to) {
        int next = text.codePointAt(i);
        boolean joined = next == 0x200D && i + 1 < to && isPictograph(text.codePointAt(i + 1));
        if (isModifier(next) || joined) {
          i +=
              Character.charCount(next)
                  + (joined ? Character.charCount(text.codePointAt(i + 1)) : 0);
        } else if (isRegionalIndicator(cp) && isRegionalIndicator(next)) {
          i += Character.charCount(next); // a flag is two regional indicators
          cp = 0;
        } else {
          break;
        }
      }
      out.add(subject ? Span.subject(start, i) : Span.body(start, i));
    }
  }

  private static boolean isPictograph(int cp) {
    return (cp >= 0x1F000
            && cp <= 0x1FAFF) // pictographs, emoticons, transport, flags, supplemental symbols
        || (cp >= 0x2600 && cp <= 0x26FF) // miscellaneous symbols: ☀ ☺ ⚽
        || cp == 0x2764
        || cp == 0x2728
        || cp == 0x2B50
        || cp == 0x2705
        || cp == 0x274C; // ❤ ✨ ⭐ ✅ ❌
  }

  private static boolean isModifier(int cp) {
    return cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF); // emoji presentation, skin tones
  }

  private static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }
}
