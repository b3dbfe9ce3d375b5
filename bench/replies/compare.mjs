// Scores Rapport and three npm reply parsers on the same fixture cases, with the same scoring as
// core's ReplyCorpusTest: a case passes when the parser's text equals the expected writer's text
// after whitespace normalisation. Rapport's results come from ReplyCorpusTest
// (core/target/replies-<corpus>.json); run.sh runs it first.
//
// Each parser gets what it reads: planer the HTML of an HTML case (with a jsdom document), the two
// text-only parsers its text (the case's inputText). All of them see every case.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JSDOM } from "jsdom";

const require = createRequire(import.meta.url);
const planer = require("planer");
const EmailReplyParser = require("email-reply-parser").default;
const nodeReplyParser = require("node-email-reply-parser");

const root = new URL("../../", import.meta.url).pathname;
const corpora = ["talon", "quotequail", "rapport"];
const owners = { planer: "talon" }; // planer is a port of talon: talon is its own corpus

const window = new JSDOM("").window;
const htmlToText = (html) => {
  const doc = new JSDOM(html).window.document;
  for (const br of doc.querySelectorAll("br")) br.replaceWith("\n");
  for (const b of doc.querySelectorAll("div,p,blockquote,li,tr,hr")) b.append("\n");
  return doc.body ? doc.body.textContent : "";
};

const peers = {
  planer: (c) =>
    c.format === "html"
      ? htmlToText(planer.extractFrom(c.input, "text/html", window.document))
      : planer.extractFrom(c.input, "text/plain"),
  "email-reply-parser": (c) => new EmailReplyParser().read(c.inputText ?? c.input).getVisibleText(),
  "node-email-reply-parser": (c) => nodeReplyParser(c.inputText ?? c.input).getVisibleText(),
};

const normalise = (s, mode) => s.replace(/\s+/gu, mode === "remove" ? "" : " ").trim();

const rows = [];
for (const corpus of corpora) {
  const cases = JSON.parse(readFileSync(`${root}core/src/test/resources/replies/${corpus}/cases.json`, "utf8"));
  const rapport = JSON.parse(readFileSync(`${root}core/target/replies-${corpus}.json`, "utf8"));
  const row = { corpus, n: cases.length, Rapport: cases.filter((c) => rapport[c.id] === true).length };
  for (const [name, run] of Object.entries(peers)) {
    let pass = 0;
    for (const c of cases) {
      if (c.format === "html" && c.inputText === undefined) c.inputText = htmlToText(c.input);
      let got;
      try {
        got = run(c) ?? "";
      } catch (e) {
        continue;
      }
      if (normalise(got, c.whitespace) === normalise(c.expected, c.whitespace)) pass++;
    }
    row[name] = pass;
  }
  rows.push(row);
}

const names = ["Rapport", ...Object.keys(peers)];
const pct = (k, n) => `${k}/${n} (${((100 * k) / n).toFixed(1)}%)`;
console.log(`| corpus | cases | ${names.join(" | ")} |`);
console.log(`|:---|---:|${names.map(() => "---:").join("|")}|`);
for (const r of rows) {
  console.log(`| ${r.corpus} | ${r.n} | ${names.map((k) => pct(r[k], r.n) + (owners[k] === r.corpus ? " (own)" : "")).join(" | ")} |`);
}
let ahead = true;
for (const r of rows) for (const k of Object.keys(peers)) if (owners[k] !== r.corpus && r[k] >= r.Rapport) ahead = false;
console.log(ahead ? "\nRapport is ahead of each parser on every corpus but the parser's own." : "\nRapport is NOT ahead everywhere.");
process.exitCode = ahead ? 0 : 1;
