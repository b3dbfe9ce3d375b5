#!/usr/bin/env python3
"""The baseline of bench/status-vs-imaplib.sh (issue 14): a plain imaplib client that logs in and
fetches UID, INTERNALDATE, FLAGS and the header fields Rapport needs of every message in every
folder, read-only. Usage: imaplib_client.py HOST PORT USER   (password in RAPPORT_PASSWORD).
Prints the number of messages fetched."""
import imaplib, os, re, sys

FIELDS = ("FROM TO CC SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES AUTO-SUBMITTED "
          "CONTENT-TYPE LIST-ID PRECEDENCE")

def main():
    host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    imap = imaplib.IMAP4(host, port)
    imap.login(user, os.environ["RAPPORT_PASSWORD"])
    typ, lines = imap.list()
    total = 0
    for line in lines:
        m = re.match(rb'\((?P<flags>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$', line)
        if m is None or b"\\Noselect" in m.group("flags"):
            continue
        name = m.group("name").decode()
        typ, data = imap.select(name if name.startswith('"') else '"%s"' % name, readonly=True)
        if typ != "OK" or int(data[0]) == 0:
            continue
        typ, data = imap.uid("FETCH", "1:*",
                             "(UID INTERNALDATE FLAGS BODY.PEEK[HEADER.FIELDS (%s)])" % FIELDS)
        total += sum(1 for d in data if isinstance(d, tuple))
    imap.logout()
    print(total)

if __name__ == "__main__":
    main()
