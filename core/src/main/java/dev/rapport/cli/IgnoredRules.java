package dev.rapport.cli;

import dev.rapport.draft.Draft;
import dev.rapport.lint.Linter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the command line says about a message's {@code X-Rapport-Ignore} header: which rules were
 * left out, and which names are no rule (a typo would otherwise silence nothing, unseen).
 * Stateless.
 */
final class IgnoredRules {
  private IgnoredRules() {}

  /** The lines to print for {@code draft}: none when it ignores nothing. */
  static List<String> notes(Draft draft, Linter linter) {
    if (draft.ignoredRules().isEmpty()) {
      return List.of();
    }
    Set<String> ids = new TreeSet<>();
    linter.rules().forEach(r -> ids.add(r.rule().id()));
    List<String> known = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String id : draft.ignoredRules()) {
      if (ids.contains(id)) {
        known.add(id);
      } else {
        String near = ids.stream().filter(k -> k.endsWith("." + id)).findFirst().orElse(null);
        notes.add(
            "X-Rapport-Ignore: no rule "
                + Visible.of(id)
                + (near != null
                    ? " (did you mean " + near + "?)"
                    : " ('rapport rules' lists them)"));
      }
    }
    if (!known.isEmpty()) {
      notes.add(
          0,
          "not checked for "
              + String.join(", ", known)
              + ", as the message's X-Rapport-Ignore header asks");
    }
    return notes;
  }
}
