#!/usr/bin/env python3
"""Turns the reply-parsing test suites of mailgun/talon and closeio/quotequail into fixture files.

Their tests are run against stand-in modules: each call of the parser under test returns a token,
and each assertion that compares such a token with an expected value records the pair (input,
expected). Nothing of their parsers runs, and nothing of their code is copied into Rapport; the
fixtures are their test data, kept beside their licences.

Usage: extract.py TALON_CHECKOUT QUOTEQUAIL_CHECKOUT OUT_DIR
"""
import html
import html.parser
import importlib
import inspect
import json
import os
import re
import shutil
import sys
import tempfile
import types
import unittest.mock

CALLS = {}  # token -> (function name, args)
CASES = []
CURRENT = {"test": None, "suite": None}


def token_for(fn, *args):
    t = "\u27e6CASE%d\u27e7" % len(CALLS)
    CALLS[t] = (fn, args)
    return t


def find_token(v):
    if isinstance(v, str):
        m = re.search("\u27e6CASE\\d+\u27e7", v)
        return m.group(0) if m else None
    return None


class _Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "blockquote", "li", "tr", "h1", "h2", "h3", "hr", "table", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(s):
    p = _Text()
    p.feed(s)
    p.close()
    return re.sub(r"[ \t]+\n", "\n", "".join(p.out)).strip()


def record(input_, fmt, expected, compare, whitespace, expected_is_html=False):
    CASES.append(
        {
            "id": "%s/%s#%d" % (CURRENT["suite"], CURRENT["test"], sum(1 for c in CASES if c["test"] == CURRENT["test"] and c["suite"] == CURRENT["suite"])),
            "suite": CURRENT["suite"],
            "test": CURRENT["test"],
            "format": fmt,
            "input": input_,
            "inputText": html_text(input_) if fmt == "html" else input_,
            "expected": html_text(expected) if expected_is_html else expected,
            "compare": compare,
            "whitespace": whitespace,
        }
    )


# ---------------------------------------------------------------- talon
def talon_eq(a, b, msg=None):
    for exp, act in ((a, b), (b, a)):
        if isinstance(act, tuple) and act and find_token(act[0]):
            fn, args = CALLS[find_token(act[0])]
            record(args[0], "text", exp[0] if exp[0] is not None else "", "without-signature", "collapse")
            return
        t = find_token(act)
        if t:
            fn, args = CALLS[t]
            if isinstance(exp, str) and find_token(exp):
                return  # compares two outputs
            body = args[0]
            if fn == "extract_from_html":
                # talon's HTML assertions compare with all whitespace removed.
                record(body, "html", exp, "not-quoted", "remove",
                       expected_is_html=exp.lstrip().startswith("<") or "<" in exp)
            elif fn == "extract_from_plain":
                record(body, "text", exp, "not-quoted", "collapse")
            elif fn == "extract_signature_text":
                record(body, "text", exp, "without-signature", "collapse")
            elif fn == "html_to_text":
                record(body, "html", exp, "not-quoted", "remove")
            return


def talon_modules(tmp):
    talon = types.ModuleType("talon")
    talon.init = lambda: None
    q = types.ModuleType("talon.quotations")
    q.MAX_LINES_COUNT = 1000
    q.SPLITTER_MAX_LINES = 4
    q.html_document_fromstring = lambda *a: None
    q.extract_from_plain = lambda body: token_for("extract_from_plain", body)
    q.extract_from_html = lambda body: token_for("extract_from_html", body)
    q.extract_from = lambda body, ct="text/plain": token_for("extract_from_html" if "html" in ct else "extract_from_plain", body)
    for name in ("mark_message_lines", "process_marked_lines", "preprocess", "split_emails", "postprocess"):
        setattr(q, name, lambda *a, **k: None)
    u = types.ModuleType("talon.utils")
    u.html_to_text = lambda s: s if find_token(s) else token_for("html_to_text", s)
    sig = types.ModuleType("talon.signature")
    bf = types.ModuleType("talon.signature.bruteforce")
    bf.extract_signature = lambda body: (token_for("extract_signature_text", body), None)
    ex = types.ModuleType("talon.signature.extraction")
    sig.extract = lambda body, sender=None: (token_for("extract_signature_text", body), None)
    sig.bruteforce, sig.extraction = bf, ex
    learning = types.ModuleType("talon.signature.learning")
    ds = types.ModuleType("talon.signature.learning.dataset")
    ds.parse_msg_sender = lambda filename, sender_known=True: _parse_msg_sender(filename)
    learning.dataset = ds
    talon.quotations, talon.utils, talon.signature = q, u, sig
    for name, mod in {"talon": talon, "talon.quotations": q, "talon.utils": u, "talon.signature": sig,
                      "talon.signature.bruteforce": bf, "talon.signature.extraction": ex,
                      "talon.signature.learning": learning, "talon.signature.learning.dataset": ds}.items():
        sys.modules[name] = mod
    nose = types.ModuleType("nose")
    tools = types.ModuleType("nose.tools")
    tools.eq_ = talon_eq
    tools.ok_ = tools.assert_true = tools.assert_false = lambda *a, **k: None
    tools.assert_equal = talon_eq
    nose.tools = tools
    sys.modules["nose"], sys.modules["nose.tools"] = nose, tools
    sys.modules["mock"] = unittest.mock


def _parse_msg_sender(filename):
    # talon's dataset format: the sender on the first line, then the body (files named *_body).
    with open(filename, encoding="utf8") as f:
        sender = ""
        sender_file = filename.replace("_body", "_sender")
        if os.path.exists(sender_file):
            with open(sender_file, encoding="utf8") as s:
                sender = s.read().strip()
        return sender, f.read()


def run_suite(suite, test_dir_parent, package, modules, skip_patched=True):
    sys.path.insert(0, test_dir_parent)
    old = os.getcwd()
    os.chdir(test_dir_parent)
    skipped = []
    try:
        for modname in modules:
            mod = importlib.import_module(package + "." + modname)
            for name, fn in inspect.getmembers(mod, inspect.isfunction):
                if not name.startswith("test") or fn.__module__ != mod.__name__:
                    continue
                if hasattr(fn, "patchings"):
                    skipped.append((suite, name, "depends on a talon setting patched by the test"))
                    continue
                CURRENT.update(test=name, suite=suite)
                params = getattr(fn, "_params", None)
                calls = [tuple(p) for p in params[1]] if params else [()]
                for args in calls:
                    try:
                        r = fn(*args) if not params else fn(*[a for a in args], **({"read_file": READ_FILE} if "read_file" in inspect.signature(fn).parameters and len(args) < len(inspect.signature(fn).parameters) else {}))
                        if inspect.isgenerator(r):
                            for item in r:
                                item[0](*item[1:])
                    except Exception as e:  # noqa: BLE001 - a test the stand-ins cannot run
                        skipped.append((suite, name, "%s: %s" % (type(e).__name__, e)))
    finally:
        os.chdir(old)
        sys.path.remove(test_dir_parent)
    return skipped


# ---------------------------------------------------------------- quotequail
READ_FILE = None



RECORDERS = []
SKIPPED_CALLS = []


class Call:
    """What a stand-in quotequail function returns: it remembers what the test compares it with."""

    def __init__(self, fn, source, intro):
        self.fn, self.source, self.intro = fn, source, intro
        self.expected, self.fields, self.limited = None, {}, False
        RECORDERS.append(self)

    def __eq__(self, other):
        self.expected = other
        return True

    def __getitem__(self, key):
        call = self

        class Field:
            def __eq__(self, other):
                call.fields[key] = other
                return True
        return Field()

    def __contains__(self, key):
        return False

    __hash__ = object.__hash__


def quotequail_modules(root):
    global READ_FILE

    def read_file(name):
        with open(os.path.join(root, "tests", "files", name), "rb") as f:
            return f.read().decode("utf8")

    READ_FILE = read_file
    qq = types.ModuleType("quotequail")

    def make(fn):
        def call(text, limit=None, quote_intro_line=False):
            c = Call(fn, text, quote_intro_line)
            c.limited = limit is not None
            return c
        return call

    qq.quote, qq.quote_html = make("quote"), make("quote_html")
    qq.unwrap, qq.unwrap_html = make("unwrap"), make("unwrap_html")
    sys.modules["quotequail"] = qq
    pytest = types.ModuleType("pytest")

    class Mark:
        def parametrize(self, names, values, **k):
            def deco(fn):
                fn._params = (names, values)
                return fn
            return deco

    pytest.mark = Mark()
    pytest.fixture = lambda *a, **k: (lambda f: f) if not (a and callable(a[0])) else a[0]
    sys.modules["pytest"] = pytest


def quotequail_cases(calls):
    """Turns the calls one test run made into cases: the text the writer wrote in each message."""
    by_source = {}
    for c in calls:
        if c.limited:
            continue  # quotequail's own line limit, not a property of the message
        by_source.setdefault((c.fn, c.source), []).append(c)
    for (fn, source), cs in by_source.items():
        fmt = "html" if fn.endswith("_html") else "text"
        if fn.startswith("quote"):
            chosen = [c for c in cs if c.intro]
            if not chosen:
                # Without quote_intro_line quotequail shows the attribution with the reply on purpose;
                # only the variant that separates it answers "what did the writer write".
                SKIPPED_CALLS.append(("quotequail", CURRENT["test"], "quote() without quote_intro_line"))
                continue
            parts = chosen[0].expected
            if not parts:
                continue
            top = "".join(t for shown, t in parts if shown)
            record(source, fmt, top, "before-quote", "collapse" if fmt == "text" else "remove",
                   expected_is_html=fmt == "html")
        else:
            c = cs[0]
            exp = c.expected if c.expected is not None or not c.fields else c.fields
            if c.expected is None and not c.fields:
                # unwrap() found nothing to unwrap: all of it is the writer's.
                record(source, fmt, source, "before-quote", "collapse" if fmt == "text" else "remove",
                       expected_is_html=fmt == "html")
                continue
            if fmt == "text":
                top = "\n\n".join(x for x in (exp.get("text_top"), exp.get("text_bottom")) if x)
                record(source, fmt, top, "before-quote", "collapse")
            else:
                top = "\n\n".join(html_text(x) for x in (exp.get("html_top"), exp.get("html_bottom")) if x)
                record(source, fmt, top, "before-quote", "remove")


def run_quotequail(root, tmp):
    quotequail_modules(root)
    skipped = []
    src = os.path.join(root, "tests")
    for modname in ("test_quote", "test_quote_html", "test_unwrap", "test_unwrap_html"):
        path = os.path.join(src, modname + ".py")
        spec = importlib.util.spec_from_file_location("qqtests." + modname, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if not name.startswith("test") or fn.__module__ != mod.__name__:
                continue
            CURRENT.update(test=name, suite="quotequail")
            params = getattr(fn, "_params", None)
            sig = inspect.signature(fn).parameters
            runs = []
            if params:
                names = [n.strip() for n in params[0].split(",")] if isinstance(params[0], str) else list(params[0])
                for values in params[1]:
                    values = values if isinstance(values, tuple) else (values,)
                    runs.append(dict(zip(names, values)))
            else:
                runs.append({})
            for kw in runs:
                if "read_file" in sig:
                    kw = dict(kw, read_file=READ_FILE)
                del RECORDERS[:]
                try:
                    fn(**kw)
                except Exception as e:  # noqa: BLE001
                    skipped.append(("quotequail", name, "%s: %s" % (type(e).__name__, e)))
                    continue
                quotequail_cases(list(RECORDERS))
    return skipped


def main():
    talon_root, qq_root, out = sys.argv[1:4]
    tmp = tempfile.mkdtemp()
    try:
        shutil.copytree(os.path.join(talon_root, "tests"), os.path.join(tmp, "tests"))
        talon_modules(tmp)
        skipped = run_suite("talon", tmp, "tests", ["text_quotations_test", "quotations_test",
                                                      "html_quotations_test", "signature.bruteforce_test",
                                                      "signature.extraction_test"])
    finally:
        shutil.rmtree(tmp)
    skipped += run_quotequail(qq_root, tmp)
    skipped += SKIPPED_CALLS
    os.makedirs(out, exist_ok=True)
    for suite in ("talon", "quotequail"):
        cases = [c for c in CASES if c["suite"] == suite]
        with open(os.path.join(out, suite + ".json"), "w", encoding="utf8") as f:
            json.dump(cases, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print("%s: %d cases" % (suite, len(cases)))
    with open(os.path.join(out, "skipped.txt"), "w", encoding="utf8") as f:
        for s in skipped:
            f.write("%s %s: %s\n" % s)
    print("%d tests not turned into cases (see skipped.txt)" % len(skipped))


if __name__ == "__main__":
    main()
