package dev.rapport.track;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one-line summary of a list of statuses, as {@code rapport status}, its HTML page and the
 * watch digest's subject show it: what needs doing, then what is waiting, such as {@code "1 reply
 * waiting for you, 2 follow-ups due; 1 awaiting a reply."}.
 *
 * <p>Stateless and thread-safe.
 */
public final class StatusSummary {
  private StatusSummary() {}

  /**
   * One line: what needs doing, then what is waiting; {@code "Nothing to do now."} when nothing is.
   */
  public static String line(List<ContactStatus> all) {
    Map<ContactState, Integer> n = new EnumMap<>(ContactState.class);
    for (ContactStatus s : all) {
      n.merge(s.state(), 1, Integer::sum);
    }
    List<String> todo = new ArrayList<>();
    add(todo, n, ContactState.REPLIED, "reply waiting for you", "replies waiting for you");
    add(todo, n, ContactState.THANK_YOU_DUE, "thank-you due", "thank-yous due");
    add(todo, n, ContactState.FOLLOW_UP_DUE, "follow-up due", "follow-ups due");
    add(todo, n, ContactState.BOUNCED, "bounced address to check", "bounced addresses to check");
    add(todo, n, ContactState.UPDATE_DUE, "update due", "updates due");
    List<String> rest = new ArrayList<>();
    add(rest, n, ContactState.AWAITING_REPLY, "awaiting a reply", "awaiting a reply");
    add(rest, n, ContactState.IN_TOUCH, "in touch", "in touch");
    add(rest, n, ContactState.MOVE_ON, "to move on from", "to move on from");
    String first = todo.isEmpty() ? "Nothing to do now" : String.join(", ", todo);
    return rest.isEmpty() ? first + "." : first + "; " + String.join(", ", rest) + ".";
  }

  private static void add(
      List<String> out, Map<ContactState, Integer> n, ContactState s, String one, String many) {
    int c = n.getOrDefault(s, 0);
    if (c > 0) {
      out.add(c + " " + (c == 1 ? one : many));
    }
  }
}
