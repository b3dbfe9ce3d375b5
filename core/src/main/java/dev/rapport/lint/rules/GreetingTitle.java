package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.ThreadContext;
import dev.rapport.track.Contact;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * In a first message, US faculty expect their title and surname: "Dear Dr. Gonzalez", not "Hi
 * Maria" or "Dear Maria Gonzalez". Once they sign with their first name, follow their lead.
 */
final class GreetingTitle implements Rule {

  @Override
  public String id() {
    return "GREETING_TITLE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public String description() {
    return "A first contact greets faculty by first name only, by full name without a title, or with the wrong title.";
  }

  @Override
  public List<RuleExample> examples() {
    String body = ",\n\nI enjoyed your talk on cancer rehabilitation.\n\nBest,\nWei";
    String to =
        "To: Maria Gonzalez <mgonzalez@example.edu>\nSubject: Your talk on cancer rehab\n\n";
    return List.of(
        RuleExample.bad(to + "Hi Maria" + body),
        RuleExample.bad(to + "Dear Maria Gonzalez" + body),
        // The contacts file says she is a doctor.
        RuleExample.bad(to + "Dear Mrs. Gonzalez" + body)
            .with(
                new Contact(
                    "mgonzalez@example.edu", "Maria Gonzalez", "Dr.", null, null, List.of())),
        RuleExample.good(to + "Dear Mrs. Gonzalez" + body),
        RuleExample.good(to + "Dear Dr. Gonzalez" + body),
        RuleExample.good(to + "Dear Professor Gonzalez" + body),
        RuleExample.good(to + "Hi Maria" + body).with(new ThreadContext(false, 0, null, null)));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (!Situation.firstContact(context)) {
      return;
    }
    var greeting = Greeting.of(context);
    if (greeting.isEmpty() || greeting.get().generic()) {
      return;
    }
    List<Names.Person> people = Greeting.recipients(context);
    for (Greeting.Addressee a : greeting.get().addressees()) {
      Names.Person p = people.stream().filter(x -> x.matches(a.names())).findFirst().orElse(null);
      String knownTitle = p == null ? null : p.title();
      String suggested = suggestion(knownTitle, a, p);
      if (a.title() == null) {
        boolean firstOnly =
            a.names().size() == 1 && p != null && a.names().get(0).equals(p.firstName());
        String message =
            firstOnly
                ? "\""
                    + a.text()
                    + "\" greets the recipient by first name, which is too familiar for a first message to faculty."
                : a.names().size() >= 2
                    ? "\"" + a.text() + "\" uses the full name without a title."
                    : "\"" + a.text() + "\" has no title.";
        reporter.report(a.span(), message, "Write \"Dear " + suggested + ",\".", 8);
      } else if (!a.academicTitle() && knownTitle != null && isAcademic(knownTitle)) {
        reporter.report(
            a.span(),
            "\""
                + a.text()
                + "\" uses a social title, but the recipient is "
                + knownTitle
                + " "
                + surname(a, p)
                + ".",
            "Write \"Dear " + suggested + ",\".",
            8);
      }
    }
  }

  private static boolean isAcademic(String title) {
    return Names.ACADEMIC_TITLES.contains(Names.fold(title).replace(".", "").strip());
  }

  private static String suggestion(
      @Nullable String knownTitle, Greeting.Addressee a, Names.@Nullable Person p) {
    String title = knownTitle != null && isAcademic(knownTitle) ? knownTitle : "Dr.";
    return title + " " + surname(a, p);
  }

  /**
   * The last name word of the greeting that is not the person's first name, written as in the
   * greeting.
   */
  private static String surname(Greeting.Addressee a, Names.@Nullable Person p) {
    String[] words = a.text().split("\\s+");
    for (int i = words.length - 1; i >= 0; i--) {
      String w = words[i].replaceAll("[.,]", "");
      String f = Names.fold(w);
      if (w.isEmpty() || Names.TITLES.contains(f)) {
        continue;
      }
      if (p != null && f.equals(p.firstName()) && p.display() != null) {
        // "Hi Maria": take the surname from the display name.
        String[] d = p.display().split("[\\s,]+");
        for (int j = d.length - 1; j >= 0; j--) {
          String df = Names.fold(d[j]).replace(".", "");
          if (!df.isEmpty()
              && !Names.DEGREES.contains(df)
              && !Names.TITLES.contains(df)
              && !df.equals(p.firstName())) {
            return d[j];
          }
        }
        return "Surname";
      }
      return w;
    }
    return "Surname";
  }
}
