#!/usr/bin/env python3
"""Writes a Maildir++ tree for the status benchmark: N messages, about N/10 contacts, replies
spread over several folders, plus list mail, strangers, auto-replies and bounces.

usage: make_maildir.py MAILDIR N [SEED]
"""
import os
import random
import sys
import time

maildir, total = sys.argv[1], int(sys.argv[2])
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
ME = "chidinma@example.org"
START = time.mktime((2025, 1, 1, 0, 0, 0, 0, 0, 0))
FOLDERS = {"INBOX": "", "Gesendet": ".Gesendet", "Papierkorb": ".Papierkorb", "Spam": ".Spam",
           "Residency": ".Residency", "Archiv": ".Archiv", "Entw&APw-rfe": ".Entw&APw-rfe"}
count = 0


def folder_dir(name):
    d = os.path.join(maildir, FOLDERS[name]) if FOLDERS[name] else maildir
    for s in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(d, s), exist_ok=True)
    return d


def rfc(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


def add(folder, t, headers, body="Thank you.\n"):
    global count
    count += 1
    d = folder_dir(folder)
    name = "%d.M%dP1.bench:2," % (int(t), count)
    text = "".join("%s: %s\r\n" % (k, v) for k, v in headers) + "\r\n" + body.replace("\n", "\r\n")
    path = os.path.join(d, "cur", name)
    with open(path, "w") as f:
        f.write(text)
    os.utime(path, (t, t))


for f in FOLDERS:
    folder_dir(f)
contacts = max(1, total // 10)
i = 0
while count < total:
    c = i % contacts
    i += 1
    who = "dr.%d@uni%d.edu" % (c, c % 97)
    t = START + rnd.randint(0, 300) * 86400 + rnd.randint(0, 86399)
    mid = "out-%d@example.org" % i
    add("Gesendet", t, [("From", "Chidinma Okeke <%s>" % ME), ("To", "Dr. Contact %d <%s>" % (c, who)),
                        ("Subject", "Observership question %d" % c), ("Message-ID", "<%s>" % mid), ("Date", rfc(t)),
                        ("Content-Type", "text/plain; charset=UTF-8")],
        "Dear Dr. Contact,\n\nWould a 15-minute call next week suit you?\n\nBest regards,\nChidinma\n")
    r = rnd.random()
    rt = t + rnd.randint(1, 20) * 86400
    if r < 0.45:
        folder = rnd.choice(["INBOX", "INBOX", "Residency", "Archiv", "Papierkorb", "Spam"])
        add(folder, rt, [("From", "Dr. Contact %d <%s>" % (c, who)), ("To", ME), ("Subject", "Re: Observership question %d" % c),
                         ("Message-ID", "<in-%d@uni.edu>" % i), ("In-Reply-To", "<%s>" % mid), ("References", "<%s>" % mid),
                         ("Date", rfc(rt))])
    elif r < 0.50:
        add("INBOX", t + 60, [("From", "Dr. Contact %d <%s>" % (c, who)), ("To", ME), ("Subject", "Automatic reply: Observership"),
                              ("Auto-Submitted", "auto-replied"), ("Message-ID", "<ooo-%d@uni.edu>" % i), ("Date", rfc(t + 60))])
    elif r < 0.52:
        add("INBOX", t + 120, [("From", "Mail Delivery System <MAILER-DAEMON@mx.uni.edu>"), ("To", ME),
                               ("Subject", "Undelivered Mail Returned to Sender"), ("Message-ID", "<dsn-%d@mx>" % i),
                               ("Date", rfc(t + 120)),
                               ("Content-Type", 'multipart/report; report-type=delivery-status; boundary="B"')],
            "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; %s\n"
            "Action: failed\nStatus: 5.1.1\n\n--B\nContent-Type: text/rfc822-headers\n\nMessage-ID: <%s>\n\n--B--\n" % (who, mid))
    if count < total and rnd.random() < 0.8:
        lt = START + rnd.randint(0, 330) * 86400
        add("INBOX", lt, [("From", "PM&R News <news@lists.example.org>"), ("To", ME), ("Subject", "Weekly digest %d" % i),
                          ("List-Id", "<pmr.lists.example.org>"), ("Message-ID", "<list-%d@lists>" % i), ("Date", rfc(lt))])
print(count)
