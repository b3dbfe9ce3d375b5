package dev.rapport.imap;

import dev.rapport.track.FolderRole;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Gives each folder its role: SPECIAL-USE attributes (RFC 6154) first — they name {@code \Sent}
 * whatever its localized name ("Gesendet", "[Gmail]/Sent Mail") — then well-known names, only for
 * roles no attribute claimed: Sent, Drafts, Trash, Junk, Archive and All. Used by {@link
 * MailboxReader} only. Stateless.
 */
final class FolderRoles {
  private FolderRoles() {}

  /**
   * A folder as listed.
   *
   * @param name full name
   * @param separator the hierarchy separator, or 0
   * @param attributes the LIST attributes, such as {@code \Sent}, {@code \Noselect}
   */
  public record Listed(String name, char separator, List<String> attributes) {
    /** Copies. */
    public Listed {
      attributes = List.copyOf(attributes);
    }
  }

  private static final Map<FolderRole, String> ATTRIBUTES =
      Map.of(
          FolderRole.SENT,
          "\\sent",
          FolderRole.DRAFTS,
          "\\drafts",
          FolderRole.TRASH,
          "\\trash",
          FolderRole.JUNK,
          "\\junk",
          FolderRole.ARCHIVE,
          "\\archive",
          FolderRole.ALL,
          "\\all");

  // Leaf names (accents folded, lower case) of well-known folders, in a few languages.
  private static final Map<FolderRole, Set<String>> NAMES =
      new EnumMap<>(
          Map.of(
              FolderRole.SENT,
                  Set.of(
                      "sent",
                      "sent items",
                      "sent messages",
                      "sent mail",
                      "sent-mail",
                      "outbox sent",
                      "gesendet",
                      "gesendete elemente",
                      "gesendete objekte",
                      "envoyes",
                      "elements envoyes",
                      "messages envoyes",
                      "enviados",
                      "elementos enviados",
                      "correo enviado",
                      "inviati",
                      "posta inviata",
                      "verzonden",
                      "verzonden items",
                      "enviadas",
                      "itens enviados",
                      "wyslane",
                      "skickat",
                      "skickade objekt",
                      "sendt",
                      "sendte elementer",
                      "lahetetyt",
                      "odeslana posta",
                      "отправленные",
                      "已发送",
                      "送信済み"),
              FolderRole.DRAFTS,
                  Set.of(
                      "drafts",
                      "draft",
                      "entwurfe",
                      "brouillons",
                      "borradores",
                      "bozze",
                      "concepten",
                      "rascunhos",
                      "utkast",
                      "kladder",
                      "черновики",
                      "草稿",
                      "下書き"),
              FolderRole.TRASH,
                  Set.of(
                      "trash",
                      "deleted",
                      "deleted items",
                      "deleted messages",
                      "bin",
                      "papierkorb",
                      "geloschte elemente",
                      "corbeille",
                      "elements supprimes",
                      "papelera",
                      "elementos eliminados",
                      "cestino",
                      "prullenbak",
                      "lixeira",
                      "itens excluidos",
                      "papperskorgen",
                      "kosz",
                      "корзина",
                      "已删除",
                      "ゴミ箱"),
              FolderRole.JUNK,
                  Set.of(
                      "junk",
                      "spam",
                      "junk e-mail",
                      "junk email",
                      "bulk mail",
                      "spamverdacht",
                      "indesirables",
                      "courrier indesirable",
                      "correo no deseado",
                      "posta indesiderata",
                      "ongewenste e-mail",
                      "lixo eletronico",
                      "skrappost",
                      "спам",
                      "垃圾邮件",
                      "迷惑メール"),
              FolderRole.ARCHIVE,
                  Set.of(
                      "archive",
                      "archives",
                      "archiv",
                      "archivo",
                      "archivio",
                      "archief",
                      "arquivo")));

  /** Assigns roles to the listed folders; folders that cannot hold messages are left out. */
  public static List<FolderInfo> roles(List<Listed> folders) {
    EnumSet<FolderRole> claimed = EnumSet.noneOf(FolderRole.class);
    for (Listed f : folders) {
      FolderRole r = byAttribute(f);
      if (r != null) {
        claimed.add(r);
      }
    }
    List<FolderInfo> out = new ArrayList<>();
    for (Listed f : folders) {
      if (has(f, "\\noselect") || has(f, "\\nonexistent")) {
        continue;
      }
      FolderRole r = byAttribute(f);
      if (r != null) {
        out.add(new FolderInfo(f.name(), r, true));
        continue;
      }
      if (f.name().equalsIgnoreCase("INBOX")) {
        out.add(new FolderInfo(f.name(), FolderRole.INBOX, false));
        continue;
      }
      FolderRole guessed = byName(f);
      out.add(
          new FolderInfo(
              f.name(),
              guessed != null && !claimed.contains(guessed) ? guessed : FolderRole.OTHER,
              false));
    }
    return out;
  }

  private static @Nullable FolderRole byAttribute(Listed f) {
    for (Map.Entry<FolderRole, String> e : ATTRIBUTES.entrySet()) {
      if (has(f, e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }

  private static boolean has(Listed f, String attribute) {
    for (String a : f.attributes()) {
      if (a.equalsIgnoreCase(attribute)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable FolderRole byName(Listed f) {
    String leaf = f.name();
    if (f.separator() != 0) {
      int i = leaf.lastIndexOf(f.separator());
      if (i >= 0) {
        leaf = leaf.substring(i + 1);
      }
    }
    // Only top-level folders or direct children of INBOX / [Gmail] are guessed: "Projects/Sent" is
    // the user's own.
    String parent =
        f.name().length() > leaf.length()
            ? f.name().substring(0, f.name().length() - leaf.length() - 1)
            : "";
    if (!parent.isEmpty()
        && !parent.equalsIgnoreCase("INBOX")
        && !parent.equals("[Gmail]")
        && !parent.equals("[Google Mail]")) {
      return null;
    }
    String key =
        Normalizer.normalize(leaf, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .strip();
    for (Map.Entry<FolderRole, Set<String>> e : NAMES.entrySet()) {
      if (e.getValue().contains(key)) {
        return e.getKey();
      }
    }
    return null;
  }
}
