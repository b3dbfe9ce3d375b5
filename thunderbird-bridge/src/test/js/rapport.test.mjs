import { test } from "node:test";
import assert from "node:assert/strict";

import { Rapport, KEEPALIVE_ALARM } from "../../main/addon/lib/rapport.mjs";
import { lintRequest, verdictOf } from "../../main/addon/lib/draft.mjs";
import { normalizeSettings } from "../../main/addon/lib/settings.mjs";
import { band, bandWords, findingRows, threadLine } from "../../main/addon/lib/view.mjs";
import { FakeTimers, fakeMessenger, flush, placeholderHost, scorecard } from "./fake-messenger.mjs";

const quiet = { info() {}, warn() {} };
const GOOD = "Dear Dr. Ruiz,\n\nA short, specific question.\n\nSincerely,\nAna";
const BAD = "Dear Dr. [Last Name],\n\nA short, specific question.\n\nSincerely,\nAna";

function plain(body) {
  return { to: ["Dr. Ana Ruiz <ana@example.edu>"], cc: [], subject: "A question", isPlainText: true, plainTextBody: body, body: "<p>html</p>" };
}

function setup(opts = {}) {
  const timers = new FakeTimers();
  const m = fakeMessenger({ host: placeholderHost(), ...opts });
  const rapport = new Rapport(m, { timers, now: () => timers.now, log: quiet }).start();
  return { m, rapport, timers };
}

async function send(m, tabId, details) {
  const [answer] = m.compose.onBeforeSend.fire({ id: tabId, type: "messageCompose" }, details);
  return answer;
}

test("a draft with an error finding is cancelled and its findings are shown", async () => {
  const { m } = setup();
  const r = await send(m, 1, plain(BAD));
  assert.deepEqual(r, { cancel: true });
  await flush();
  assert.equal(m.log.windows.length, 1);
  assert.match(m.log.windows[0].url, /^findings\/findings\.html\?tabId=1$/);
  assert.equal(m.log.windows[0].type, "popup");
});

test("the send never waits on the findings window", async () => {
  const { m } = setup();
  m.windows.createHangs = true; // a window that never finishes opening
  const r = await send(m, 1, plain(BAD));
  assert.deepEqual(r, { cancel: true });
});

test("a good draft goes without a notice", async () => {
  const { m } = setup();
  assert.deepEqual(await send(m, 2, plain(GOOD)), {});
  await flush();
  assert.equal(m.log.windows.length, 0);
  assert.equal(m.log.notifications.length, 0);
});

test("warnings let the mail go, with a notice", async () => {
  const { m } = setup({ host: placeholderHost(() => [{ severity: "warning", message: "The body is long." }]) });
  assert.deepEqual(await send(m, 3, plain(GOOD)), {});
  assert.equal(m.log.windows.length, 0);
  assert.equal(m.log.notifications.length, 1);
  assert.match(m.log.notifications[0].message, /1 warning: The body is long\./);
});

test("a score under the threshold stops the draft even without errors", async () => {
  const host = (req) => ({ id: req.id, type: "scorecard", scorecard: scorecard([], { overall: 40, passed: false }), failUnder: 60 });
  const { m } = setup({ host });
  assert.deepEqual(await send(m, 4, plain(GOOD)), { cancel: true });
});

test("plainTextBody is read for plain-text drafts and the HTML body otherwise", async () => {
  const { m } = setup();
  await send(m, 1, plain(GOOD));
  const first = m.log.requests.find((r) => r.type === "lint");
  assert.equal(first.draft.plainTextBody, GOOD);
  assert.equal(first.draft.body, undefined);
  const html = { ...plain(GOOD), isPlainText: false, body: "<p>Dear Dr. [Last Name],</p>" };
  assert.deepEqual(await send(m, 2, html), { cancel: true });
  const second = m.log.requests.filter((r) => r.type === "lint")[1];
  assert.equal(second.draft.body, "<p>Dear Dr. [Last Name],</p>");
  assert.equal(second.draft.plainTextBody, undefined);
});

test("a missing host lets the mail go and says it was not checked", async () => {
  const { m } = setup({ host: null });
  assert.deepEqual(await send(m, 5, plain(BAD)), {});
  assert.equal(m.log.notifications.length, 1);
  assert.equal(m.log.notifications[0].title, "Sent without a Rapport check");
  assert.match(m.log.notifications[0].message, /java -jar rapport-bridge\.jar install/);
});

test("a missing host stops the mail when the user chose so", async () => {
  const { m } = setup({ host: null, settings: { onHostFailure: "block" } });
  assert.deepEqual(await send(m, 5, plain(GOOD)), { cancel: true });
  await flush();
  assert.equal(m.log.windows.length, 1);
});

test("a host that does not answer times out, the mail goes, and the host is restarted next time", async () => {
  let answer = false;
  const inner = placeholderHost();
  const { m, timers } = setup({ host: (req) => (answer ? inner(req) : undefined), settings: { hostTimeoutSeconds: 5 } });
  const pending = send(m, 6, plain(BAD));
  await flush();
  await flush();
  timers.advance(5000);
  assert.deepEqual(await pending, {});
  assert.match(m.log.notifications[0].message, /no answer from the Rapport host within 5 s/);
  answer = true;
  assert.deepEqual(await send(m, 6, plain(BAD)), { cancel: true });
  assert.equal(m.log.connects, 2);
});

test("a host that exits mid-request is reported, not waited on", async () => {
  const { m } = setup({ host: (req) => (req.type === "lint" ? "disconnect" : undefined) });
  assert.deepEqual(await send(m, 7, plain(BAD)), {});
  assert.match(m.log.notifications[0].message, /the host exited/);
});

test("an error reply without an id answers the oldest waiting request", async () => {
  const { m } = setup({ host: (req) => ({ id: null, type: "error", code: "too-large", error: "the request is over the host's limit" }) });
  assert.deepEqual(await send(m, 8, plain(BAD)), {});
  assert.match(m.log.notifications[0].message, /over the host's limit/);
});

test("many sends share one long-lived port", async () => {
  const { m } = setup();
  for (let i = 0; i < 10; i++) {
    await send(m, 20 + i, plain(i % 2 ? BAD : GOOD));
  }
  assert.equal(m.log.connects, 1);
  assert.equal(new Set(m.log.requests.map((r) => r.id)).size, m.log.requests.length, "request ids are unique");
});

test("Send anyway sends the stopped draft without asking the host again", async () => {
  const details = plain(BAD);
  const { m, rapport } = setup({ composeDetails: { 9: details } });
  assert.deepEqual(await send(m, 9, details), { cancel: true });
  const asked = m.log.requests.length;
  const [reply] = m.runtime.onMessage.fire({ type: "sendAnyway", tabId: 9 }, {});
  assert.deepEqual(await reply, { ok: true });
  assert.deepEqual(m.log.sent, [9]);
  assert.equal(m.log.requests.length, asked);
  assert.equal(rapport.bypass.size, 0, "the bypass is used once");
  assert.deepEqual(await send(m, 9, details), { cancel: true }, "the next send is checked again");
});

test("the page is kept alive while a send waits on the host, and let go after", async () => {
  const inner = placeholderHost();
  // Answers pings but sits on the draft, as a host busy with a huge draft would.
  const { m, timers } = setup({ host: (req) => (req.type === "ping" ? inner(req) : undefined) });
  const pending = send(m, 10, plain(GOOD));
  await flush();
  await flush();
  assert.ok(m.log.alarms.has(KEEPALIVE_ALARM));
  const pingsBefore = m.log.pings;
  timers.advance(10000);
  assert.ok(m.log.pings > pingsBefore, "the port is pinged while waiting");
  timers.advance(20000); // the 20 s default time-out
  await pending;
  assert.ok(!m.log.alarms.has(KEEPALIVE_ALARM));
  assert.equal(timers.active, 0, "no timer left running");
});

test("opening a compose window starts the host and keeps it warm until the window closes", async () => {
  const { m, rapport, timers } = setup();
  m.tabs.onCreated.fire({ id: 11, type: "messageCompose" });
  m.tabs.onCreated.fire({ id: 12, type: "mail" });
  await flush();
  assert.equal(m.log.connects, 1);
  assert.equal(m.log.pings, 1);
  await flush();
  assert.ok(rapport.coldStart !== null);
  assert.ok(m.log.alarms.has(KEEPALIVE_ALARM));
  timers.advance(30000);
  assert.ok(m.log.pings >= 3);
  m.tabs.onRemoved.fire(11);
  assert.ok(!m.log.alarms.has(KEEPALIVE_ALARM));
  assert.equal(timers.active, 0);
});

test("the options page's profile and threshold go to the host", async () => {
  const { m } = setup({ settings: { profile: { visa: "J-1", school: "University of Lagos", country: "", citizenship: "" }, failUnder: 70 } });
  await send(m, 13, plain(GOOD));
  const req = m.log.requests.find((r) => r.type === "lint");
  assert.deepEqual(req.profile, { visa: "J-1", school: "University of Lagos" });
  assert.equal(req.failUnder, 70);
});

test("the popup's check returns the scorecard for its tab", async () => {
  const { m } = setup({ composeDetails: { 14: plain(BAD) }, attachments: { 14: ["cv.pdf"] } });
  const [reply] = m.runtime.onMessage.fire({ type: "check", tabId: 14 }, {});
  const result = await reply;
  assert.equal(result.status, "checked");
  assert.equal(verdictOf(result.scorecard).kind, "block");
  assert.deepEqual(m.log.requests.find((r) => r.type === "lint").draft.attachments, ["cv.pdf"]);
  assert.equal(m.runtime.onMessage.fire({ type: "check" }, {})[0], undefined, "a message without a tab is ignored");
});

test("other add-ons can ask whether Rapport runs", async () => {
  const { m } = setup();
  const [reply] = m.runtime.onMessageExternal.fire({ type: "status" });
  assert.equal((await reply).ok, true);
  assert.equal(m.runtime.onMessageExternal.fire({ type: "other" })[0], undefined);
});

test("compose details become a host request with string recipients only", () => {
  const req = lintRequest(
    { to: ["a@example.edu", { id: "c1", type: "contact" }], cc: "b@example.edu", subject: 5, isPlainText: false, body: "<p>x</p>" },
    ["cv.pdf", 3],
    normalizeSettings({ failUnder: 300, profile: { visa: "Q-9", school: "  Lagos  " } }),
  );
  assert.deepEqual(req, {
    type: "lint",
    draft: { to: ["a@example.edu"], cc: ["b@example.edu"], subject: "", isPlainText: false, attachments: ["cv.pdf"], body: "<p>x</p>" },
    profile: { school: "Lagos" },
  });
});

test("scores are coloured by band and findings listed errors first", () => {
  assert.equal(band(95), "good");
  assert.equal(band(85), "good");
  assert.equal(band(84), "fair");
  assert.equal(band(60), "fair");
  assert.equal(band(59), "poor");
  assert.equal(band(10), "poor");
  assert.equal(band(undefined), "poor");
  assert.equal(bandWords({ overall: 40, band: "poor" }), "A careful reader would not send it");
  assert.equal(bandWords({ overall: 90 }), "Good to send");
  assert.equal(bandWords({ overall: 70, band: "review" }), "Worth another look");
  const rows = findingRows(scorecard([{ severity: "info" }, { severity: "warning" }, { severity: "error", message: "bad" }]));
  assert.deepEqual(rows.map((r) => r.severity), ["error", "warning", "info"]);
  assert.equal(rows[0].where, "Line 1, column 1");
});

test("what the host's mailboxes know of the thread reaches the popup as one line", async () => {
  const thread = { known: true, firstContact: false, unanswered: 1, lastSent: "2026-11-25T12:00:00Z", lastReceived: null };
  const host = (req) => ({ id: req.id, type: "scorecard", scorecard: scorecard([]), failUnder: 0, thread });
  const { rapport } = setup({ host });
  const result = await rapport.check(7, plain(GOOD));
  assert.deepEqual(result.thread, thread);
  const now = Date.parse("2026-11-28T12:00:00Z");
  assert.equal(threadLine(result.thread, now), "1 message of yours unanswered; you last wrote 3 days ago.");
  assert.equal(threadLine({ known: false, firstContact: true }, now), "First message to this person (from your mailbox).");
  assert.equal(
    threadLine({ firstContact: false, unanswered: 0, lastSent: "2026-11-27T12:00:00Z", lastReceived: "2026-11-28T10:00:00Z" }, now),
    "You last wrote yesterday; they last wrote today.",
  );
  // No mailbox read: the popup says nothing rather than guess.
  assert.equal(threadLine(null, now), null);
  assert.equal(threadLine(undefined, now), null);
});
