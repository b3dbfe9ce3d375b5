// Pure functions: compose details → a host request, and a scorecard → what happens to the send.

const DIMENSIONS = [
  ["brevity", "Brevity"],
  ["specificity", "Specificity"],
  ["personalization", "Personalization"],
  ["visaTransparency", "Visa transparency"],
];

export { DIMENSIONS };

/** Recipients as the host wants them: strings only (address-book ids carry no name to check). */
function recipients(list) {
  if (list == null) return [];
  const all = Array.isArray(list) ? list : [list];
  return all.filter((r) => typeof r === "string" && r.trim() !== "");
}

/**
 * Builds the host's lint request from a compose window's details.
 * Thunderbird fills `body` with HTML even for plain-text drafts, so `isPlainText` decides which
 * body is sent: only one goes, to keep the message small.
 */
export function lintRequest(details, attachmentNames, settings) {
  const d = details || {};
  const draft = {
    to: recipients(d.to),
    cc: recipients(d.cc),
    subject: typeof d.subject === "string" ? d.subject : "",
    isPlainText: d.isPlainText === true,
    attachments: (attachmentNames || []).filter((n) => typeof n === "string"),
  };
  if (draft.isPlainText) {
    draft.plainTextBody = typeof d.plainTextBody === "string" ? d.plainTextBody : "";
  } else {
    draft.body = typeof d.body === "string" ? d.body : "";
  }
  const request = { type: "lint", draft };
  const profile = {};
  for (const [k, v] of Object.entries(settings?.profile || {})) {
    if (typeof v === "string" && v !== "") profile[k] = v;
  }
  if (Object.keys(profile).length > 0) request.profile = profile;
  if (Number.isInteger(settings?.failUnder)) request.failUnder = settings.failUnder;
  return request;
}

/**
 * Decides a send from a scorecard: "block" when a finding is an error or the draft scores under
 * the threshold, "warn" when there are warnings, else "pass".
 */
export function verdictOf(scorecard) {
  const findings = Array.isArray(scorecard?.findings) ? scorecard.findings : [];
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  let kind = "pass";
  if (errors.length > 0 || scorecard?.passed === false) kind = "block";
  else if (warnings.length > 0) kind = "warn";
  return { kind, errors, warnings, overall: scorecard?.overall };
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One or two sentences for a notification. */
export function summary(verdict, failUnder) {
  const { kind, errors, warnings, overall } = verdict;
  if (kind === "block") {
    if (errors.length > 0) {
      return `Not sent: ${plural(errors.length, "problem")} to fix first. ${errors[0].message}`;
    }
    return `Not sent: the draft scores ${overall}/100, under your threshold of ${failUnder}.`;
  }
  if (kind === "warn") {
    return `Sent, scoring ${overall}/100, with ${plural(warnings.length, "warning")}: ${warnings[0].message}`;
  }
  return `Sent, scoring ${overall}/100.`;
}

/** What to tell the user when the host could not check a draft. */
export function uncheckedAdvice(error) {
  const msg = String(error || "unknown error");
  if (/no such native application|not found|No such file/i.test(msg)) {
    return "The Rapport host is not installed. Run: java -jar rapport-bridge.jar install";
  }
  return msg;
}
