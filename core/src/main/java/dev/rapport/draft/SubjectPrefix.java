package dev.rapport.draft;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prefixes mail clients put before a subject when replying ("Re:", "AW:", "SV:", "Odp:", "回复："
 * …) or forwarding ("Fwd:", "WG:", "TR:", "RV:", "Enc:" …), in one list for the linter and the
 * tracker. A mailing-list tag ("[rehab-list] Re: …") may come first.
 *
 * <p>Thread-safe: stateless.
 */
public final class SubjectPrefix {
  private SubjectPrefix() {}

  // Reply: English/most, German AW, Nordic SV/VS, Dutch Antw, Polish Odp, Italian R/Rif, Portuguese
  // Res, French Rép/Réf, Turkish Ynt, Russian Отв/Ответ, Chinese 答复/回复/回覆, Japanese 返信, Korean
  // 회신, Arabic رد.
  private static final String REPLY =
      "re|aw|sv|vs|antw|odp|rif|r|res|rép|rep|réf|ynt|отв|ответ|答复|回复|回覆|返信|회신|رد";
  // Forward: Fw/Fwd, German WG, French TR, Spanish RV, Portuguese Enc, Dutch Doorst, Polish PD,
  // Turkish İlt, Russian Пересл, Chinese 转发/轉寄, Korean 전달.
  private static final String FORWARD = "fw|fwd|wg|tr|rv|enc|doorst|pd|ilt|пересл|转发|轉寄|전달";
  private static final String TAG = "^\\s*(?:\\[[^\\]]{0,60}\\]\\s*)?";
  private static final String TAIL = "(?:\\s*\\[\\d{1,4}\\]|\\s*\\(\\d{1,4}\\))?\\s*[:：]\\s*";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern ANY =
      Pattern.compile(TAG + "(?:" + REPLY + "|" + FORWARD + ")" + TAIL, FLAGS);
  private static final Pattern REPLY_ONLY =
      Pattern.compile(TAG + "(?:" + REPLY + ")" + TAIL, FLAGS);

  /** Returns whether the subject starts with a reply prefix. */
  public static boolean isReply(String subject) {
    return REPLY_ONLY.matcher(subject).lookingAt();
  }

  /** Returns whether the subject starts with a reply or a forward prefix. */
  public static boolean isReplyOrForward(String subject) {
    return ANY.matcher(subject).lookingAt();
  }

  /**
   * Returns where the first reply or forward prefix ends, with the list tag before it and the
   * spaces after it, or 0 if the subject has none.
   */
  public static int end(String subject) {
    Matcher m = ANY.matcher(subject);
    return m.lookingAt() ? m.end() : 0;
  }
}
