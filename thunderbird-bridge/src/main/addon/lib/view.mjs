// Renders a check result into a page (the compose-action popup and the findings window).
// Text goes in with textContent only: findings quote the draft, which must never become markup.

import { DIMENSIONS, verdictOf } from "./draft.mjs";

/** "good" (80+), "fair" (50–79) or "poor": the colour of a score. */
export function band(score) {
  if (!Number.isFinite(score)) return "poor";
  if (score >= 85) return "good";
  if (score >= 60) return "fair";
  return "poor";
}

/** What the overall score means, in words: the host's `band` (good / review / poor), else the score's. */
export function bandWords(card) {
  const key = card?.band ?? { good: "good", fair: "review", poor: "poor" }[band(card?.overall)];
  return { good: "Good to send", review: "Worth another look", poor: "A careful reader would not send it" }[key]
    ?? "Worth another look";
}

const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Hint" };
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

/** The findings, errors first, each with the label and place to show. */
export function findingRows(scorecard) {
  const findings = Array.isArray(scorecard?.findings) ? scorecard.findings : [];
  return findings
    .map((f, i) => ({
      i,
      severity: f.severity,
      label: SEVERITY_LABEL[f.severity] || f.severity,
      message: String(f.message || ""),
      suggestion: String(f.suggestion || ""),
      rule: String(f.rule || ""),
      where: f.field === "subject" ? "Subject" : `Line ${f.line}, column ${f.column}`,
    }))
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.i - b.i);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many calendar days (the user's own) lie between `iso` and `now`, in words. */
function daysAgo(iso, now) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const day = (ms) => {
    const d = new Date(ms);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  const days = Math.round((day(now) - day(t)) / DAY_MS);
  if (days <= 0) return "today";
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/**
 * What the host's mailboxes say about the first recipient, as one line, or null when the host
 * read no mailbox (then the timing rules did not know the thread, and saying nothing is honest).
 */
export function threadLine(thread, now = Date.now()) {
  if (!thread || typeof thread !== "object") return null;
  if (thread.firstContact === true) return "First message to this person (from your mailbox).";
  const parts = [];
  const sent = thread.lastSent ? daysAgo(thread.lastSent, now) : null;
  const received = thread.lastReceived ? daysAgo(thread.lastReceived, now) : null;
  const unanswered = Number(thread.unanswered) || 0;
  if (unanswered > 0) {
    parts.push(`${unanswered} message${unanswered === 1 ? "" : "s"} of yours unanswered`);
  }
  if (sent) parts.push(`you last wrote ${sent}`);
  if (received) parts.push(`they last wrote ${received}`);
  if (parts.length === 0) return "You have written to this person before.";
  const line = parts.join("; ");
  return `${line[0].toUpperCase()}${line.slice(1)}.`;
}

function el(doc, tag, className, text) {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Fills `root` with the result of a check. */
export function renderResult(doc, root, result) {
  root.replaceChildren();
  if (!result || result.status !== "checked") {
    const box = el(doc, "section", "unchecked");
    box.append(el(doc, "h2", "", "This draft was not checked"));
    box.append(el(doc, "p", "", result?.advice || result?.error || "The Rapport host did not answer."));
    if (result?.advice && result.error && result.advice !== result.error) {
      box.append(el(doc, "p", "detail", result.error));
    }
    root.append(box);
    return;
  }
  const card = result.scorecard;
  const verdict = verdictOf(card);

  const head = el(doc, "section", "overall");
  const score = el(doc, "div", `score ${band(card.overall)}`);
  score.append(el(doc, "span", "number", String(card.overall)), el(doc, "span", "outof", "/100"));
  const status = el(doc, "div", "status");
  const title = {
    block: verdict.errors.length > 0 ? "Fix before sending" : `Under your threshold of ${result.failUnder}`,
    warn: "Good to go, with warnings",
    pass: "Good to go",
  }[verdict.kind];
  status.append(el(doc, "strong", `verdict ${verdict.kind}`, title));
  const counts = [];
  if (verdict.errors.length) counts.push(`${verdict.errors.length} error${verdict.errors.length === 1 ? "" : "s"}`);
  if (verdict.warnings.length) counts.push(`${verdict.warnings.length} warning${verdict.warnings.length === 1 ? "" : "s"}`);
  status.append(el(doc, "span", "band", bandWords(card)));
  status.append(el(doc, "span", "counts", counts.length ? counts.join(", ") : "No findings"));
  head.append(score, status);
  root.append(head);
  const thread = threadLine(result.thread);
  if (thread) root.append(el(doc, "p", "thread", thread));

  const dims = el(doc, "section", "dimensions");
  const notApplicable = new Set(card.notApplicable ?? []);
  for (const [key, label] of DIMENSIONS) {
    const value = Number(card.dimensions?.[key] ?? 0);
    const row = el(doc, "div", "dimension");
    if (notApplicable.has(key)) {
      // Nothing in the draft for this dimension to judge: say so rather than show a full bar.
      row.classList.add("na");
      row.append(el(doc, "span", "name", label), el(doc, "div", "bar"), el(doc, "span", "value", "n/a"));
      dims.append(row);
      continue;
    }
    const name = el(doc, "span", "name", label);
    const bar = el(doc, "div", "bar");
    bar.setAttribute("role", "meter");
    bar.setAttribute("aria-label", label);
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-valuenow", String(value));
    const fill = el(doc, "div", `fill ${band(value)}`);
    fill.style.width = `${Math.max(0, Math.min(100, value))}%`;
    bar.append(fill);
    row.append(name, bar, el(doc, "span", "value", String(value)));
    dims.append(row);
  }
  root.append(dims);

  const list = el(doc, "ol", "findings");
  for (const f of findingRows(card)) {
    const item = el(doc, "li", `finding ${f.severity}`);
    const top = el(doc, "div", "finding-head");
    top.append(el(doc, "span", `chip ${f.severity}`, f.label), el(doc, "span", "where", f.where));
    item.append(top, el(doc, "p", "message", f.message));
    if (f.suggestion) item.append(el(doc, "p", "suggestion", f.suggestion));
    item.append(el(doc, "span", "rule", f.rule));
    list.append(item);
  }
  if (card.findingsOmitted > 0) {
    list.append(el(doc, "li", "omitted", `${card.findingsOmitted} more findings were left out.`));
  }
  root.append(list);
}
