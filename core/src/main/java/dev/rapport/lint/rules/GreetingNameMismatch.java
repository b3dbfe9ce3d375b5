package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Severity;
import java.util.List;

/**
 * "Dear Dr. Smith" in a message to Dr. Jones is the mark of a mail merge gone wrong and ends the
 * conversation before it starts. Names are compared without accents ("Munoz" is "Muñoz"), with
 * titles and degrees set aside; without a display name, the address ("mgonzalez@…") is used; with
 * nothing to compare against, nothing is flagged.
 */
final class GreetingNameMismatch implements Rule {

  @Override
  public String id() {
    return "GREETING_NAME_MISMATCH";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "The greeting names someone who is not among the To: and Cc: recipients.";
  }

  @Override
  public List<RuleExample> examples() {
    String body = ",\n\nThank you for your talk.\n\nBest,\nAmina";
    return List.of(
        RuleExample.bad(
            "To: Dr. José Muñoz <jmunoz@example.edu>\nSubject: Your talk\n\nDear Dr. Smith" + body),
        RuleExample.bad(
            "To: mgonzalez@example.edu\nSubject: Your talk\n\nDear Dr. Gonzales" + body),
        RuleExample.good(
            "To: Dr. José Muñoz <jmunoz@example.edu>\nSubject: Your talk\n\nDear Dr. Munoz" + body),
        RuleExample.good(
            "To: \"Wróbel, Łukasz\" <lw@example.edu>\nSubject: Your talk\n\nDear Dr. Wrobel"
                + body),
        RuleExample.good(
            "To: María García-López <mgl@example.edu>\nSubject: Your talk\n\nDear Dr. García"
                + body),
        RuleExample.good(
            "To: maria.gonzalez@example.edu\nSubject: Your talk\n\nDear Dr. González" + body),
        RuleExample.good(
            "To: Nguyễn Thị Lan <lan.nguyen@example.edu>\nSubject: Your talk\n\nDear Dr. Nguyen"
                + body),
        // An office greeted by its role names nobody.
        RuleExample.good(
            "To: Observership Coordinator <observe@example.edu>\nSubject: Eligibility\n\nDear Observership "
                + "Coordinator"
                + body),
        // Nothing to compare with: no recipients, or an address that is not a name.
        RuleExample.good("Dear Dr. Smith" + body),
        RuleExample.good("To: jm2231@example.edu\nSubject: Your talk\n\nDear Dr. Smith" + body),
        // A placeholder is not a wrong name; UNFILLED_PLACEHOLDER reports it.
        RuleExample.good(
            "To: Dr. José Muñoz <jmunoz@example.edu>\nSubject: Your talk\n\nDear Dr. [Last Name]"
                + body),
        RuleExample.good(
            "To: Dr. José Muñoz <jmunoz@example.edu>\nSubject: Your talk\n\nDear Dr. {{last_name}}"
                + body));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    var greeting = Greeting.of(context);
    if (greeting.isEmpty() || greeting.get().generic()) {
      return;
    }
    List<Names.Person> people = Greeting.recipients(context);
    if (people.isEmpty() || people.stream().anyMatch(p -> !p.comparable())) {
      return; // someone we cannot compare might be the one greeted
    }
    for (Greeting.Addressee a : greeting.get().addressees()) {
      if (a.text().matches(".*[\\[\\]{}<>_].*|.*\\bX{3,}\\b.*")) {
        continue; // an unfilled placeholder, not a wrong name: UNFILLED_PLACEHOLDER says so
      }
      boolean found = people.stream().anyMatch(p -> p.matches(a.names()));
      if (!found) {
        reporter.report(
            a.span(),
            "The greeting names \""
                + a.text()
                + "\", who is not among the recipients ("
                + describe(people)
                + ").",
            "Check the name against the To: line; a wrong name is worse than none.",
            60);
      }
    }
  }

  private static String describe(List<Names.Person> people) {
    StringBuilder sb = new StringBuilder();
    for (Names.Person p : people) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(
          p.display() != null ? p.display() : p.localPart().isEmpty() ? "?" : p.localPart() + "@…");
      if (sb.length() > 120) {
        sb.append(", …");
        break;
      }
    }
    return sb.toString();
  }
}
