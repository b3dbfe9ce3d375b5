package dev.rapport.examples;

import dev.rapport.imap.CredentialSource;
import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapException;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.track.ContactState;
import dev.rapport.watch.StatusEvent;
import dev.rapport.watch.Watcher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Listens to the tracker in-process: a {@link Watcher} keeps an IMAP account's picture current
 * (IDLE, reconnection, states that fall due with time) and calls a listener each time a contact's
 * state changes. Here, the listener cares about one thing: someone answered.
 *
 * <p>Run with an account URL; the password comes from {@code RAPPORT_PASSWORD}. It watches until
 * stopped (Ctrl-C).
 */
public final class ListenForReplies {
  private ListenForReplies() {}

  public static void main(String[] args) throws ImapException, InterruptedException {
    if (args.length != 1) {
      System.err.println(
          "usage: ListenForReplies imaps://USER@HOST[:PORT]   (password from RAPPORT_PASSWORD)");
      System.exit(2);
    }
    Credentials password = Credentials.resolve(System.getenv());
    try (Watcher watcher =
        watch(
            ImapUrl.parse(args[0]),
            password,
            ImapOptions.DEFAULTS,
            e ->
                System.out.println(
                    e.name().map(n -> n + " ").orElse("")
                        + "<"
                        + e.contact()
                        + "> answered: "
                        + e.reason()))) {
      watcher.start();
      watcher
          .awaitFirstSync(Duration.ofMinutes(1))
          .forEach((account, why) -> System.err.println(account + ": " + why));
      new CountDownLatch(1).await(); // until Ctrl-C
    }
  }

  /**
   * Builds a watcher (not yet started) that calls {@code onReply} for every reply that arrives
   * while it runs. Start it with {@link Watcher#start()}; close it to stop.
   */
  public static Watcher watch(
      ImapUrl account,
      Credentials credentials,
      ImapOptions options,
      Consumer<StatusEvent> onReply) {
    // Without a state directory the watcher remembers nothing between runs, so its first sync
    // announces every contact (previous() is null); after that each event is a change.
    Watcher watcher =
        Watcher.builder()
            .account(account.account(), account, CredentialSource.of(credentials), options)
            .build();
    watcher.addListener(
        event -> {
          if (event.previous() != null && event.state() == ContactState.REPLIED) {
            onReply.accept(event);
          }
        });
    return watcher;
  }
}
