package dev.rapport.lint;

import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import dev.rapport.judgement.JudgementCorpus;
import dev.rapport.judgement.JudgementCorpus.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Shows how named corpus drafts are read, finding by finding with the sentence each points at, as
 * {@link JudgementScoresTest} lints them (a train or dev draft by the model trained without its
 * writer). For looking into train and dev residuals: {@code -Drapport.show=w06-016,w18-035} writes
 * {@code target/judgement-show.txt}. Refuses test-split drafts, which nothing is tuned on.
 */
@EnabledIfSystemProperty(named = "rapport.show", matches = ".+")
class JudgementShowTest {

  @Test
  void show() throws Exception {
    Set<String> ids = Set.of(System.getProperty("rapport.show").split(","));
    StringBuilder sb = new StringBuilder();
    for (Entry e : JudgementCorpus.get().entries()) {
      if (!ids.contains(e.id())) {
        continue;
      }
      if (e.split() == JudgementCorpus.Split.TEST) {
        sb.append(e.id()).append(": test split, not shown\n");
        continue;
      }
      var draft = Drafts.parse(e.eml(), e.id() + ".eml", DraftFormat.EML);
      Scorecard card = JudgementScoresTest.lint(List.of(e)).get(0).card();
      sb.append("== ")
          .append(e.id())
          .append(" grade ")
          .append(e.grade())
          .append(" score ")
          .append(card.overall())
          .append('\n');
      for (Finding f : card.findings()) {
        String text = draft.text();
        int s = Math.max(0, Math.min(text.length(), f.span().start()));
        int t = Math.max(s, Math.min(text.length(), f.span().end()));
        sb.append("  ")
            .append(f.rule())
            .append('-')
            .append(f.deduction())
            .append(": ")
            .append(f.message())
            .append("\n     «")
            .append(text.substring(s, Math.min(t, s + 200)).replace('\n', ' '))
            .append("»\n");
      }
    }
    Files.writeString(Path.of("target/judgement-show.txt"), sb.toString());
    System.out.print(sb);
  }
}
