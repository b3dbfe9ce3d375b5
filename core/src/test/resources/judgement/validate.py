#!/usr/bin/env python3
"""Checks a writer's JSONL file of drafts. Usage: python3 validate.py FILE.jsonl"""
import json, sys, email.utils

ACTS = {"small_request", "big_request", "meeting_request", "question", "pressure",
        "visa_statement", "visa_hedge", "generic_praise", "specific_reference",
        "prior_reference", "thanks", "update", "self_intro", "other"}
KINDS = {"first_contact", "follow_up", "thank_you", "update", "reply", "program_question"}
FORMATS = {"text", "gmail_html", "outlook_html", "thunderbird_html"}
REQ = ["id", "writer", "kind", "format", "recipient_known", "from", "to", "date", "subject",
       "body", "quoted", "previous_sent", "days_since_previous", "sentences", "intended_grade"]

def check(path):
    errors, ids, n, nsent = [], set(), 0, 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"line {ln}"
            try:
                d = json.loads(line)
            except Exception as e:
                errors.append(f"{where}: not JSON: {e}"); continue
            n += 1
            for k in REQ:
                if k not in d:
                    errors.append(f"{where}: missing field {k}")
            if any(k not in d for k in REQ):
                continue
            where = f"line {ln} ({d['id']})"
            if d["id"] in ids: errors.append(f"{where}: duplicate id")
            ids.add(d["id"])
            if d["kind"] not in KINDS: errors.append(f"{where}: kind {d['kind']!r} not in {sorted(KINDS)}")
            if d["format"] not in FORMATS: errors.append(f"{where}: format {d['format']!r} not in {sorted(FORMATS)}")
            if not isinstance(d["recipient_known"], bool): errors.append(f"{where}: recipient_known must be true/false")
            for k in ("date",) + (("previous_sent",) if d["previous_sent"] else ()):
                try:
                    if email.utils.parsedate_to_datetime(d[k]) is None: raise ValueError
                except Exception:
                    errors.append(f"{where}: {k} {d[k]!r} is not an RFC 5322 date like 'Tue, 17 Nov 2026 09:12:00 +0530'")
            if d["kind"] == "follow_up" and (d["previous_sent"] is None or d["days_since_previous"] is None):
                errors.append(f"{where}: a follow_up needs previous_sent and days_since_previous")
            if d["previous_sent"] and not isinstance(d["days_since_previous"], (int, float)):
                errors.append(f"{where}: days_since_previous must be a number when previous_sent is set")
            if d["intended_grade"] not in (1, 2, 3, 4, 5): errors.append(f"{where}: intended_grade must be 1-5")
            body = d["body"]
            if not isinstance(body, str) or len(body.split()) < 2: errors.append(f"{where}: body too short"); continue
            if d["quoted"] is not None and not isinstance(d["quoted"], str): errors.append(f"{where}: quoted must be a string or null")
            pos = 0
            sents = d["sentences"]
            if not isinstance(sents, list) or len(sents) < 1: errors.append(f"{where}: no sentences"); continue
            for i, s in enumerate(sents):
                t = s.get("text"); acts = s.get("acts")
                if not t or not isinstance(acts, list) or not acts:
                    errors.append(f"{where}: sentence {i} needs text and a non-empty acts list"); continue
                bad = [a for a in acts if a not in ACTS]
                if bad: errors.append(f"{where}: sentence {i}: unknown acts {bad}")
                j = body.find(t, pos)
                if j < 0:
                    errors.append(f"{where}: sentence {i} is not an exact substring of body after the previous one: {t[:60]!r}")
                else:
                    pos = j + len(t)
                nsent += 1
    for e in errors[:50]:
        print(e)
    print(f"{path}: {n} drafts, {nsent} labelled sentences, {len(errors)} problems")
    return not errors

if __name__ == "__main__":
    ok = all(check(p) for p in sys.argv[1:])
    sys.exit(0 if ok else 1)
