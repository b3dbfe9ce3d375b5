// The background logic: checks a draft at the send button, serves the popup and the findings
// window. Everything Thunderbird-specific comes in through `messenger`, so Node's test runner can
// drive it with a fake.

import { HostClient, HostError } from "./host.mjs";
import { lintRequest, summary, uncheckedAdvice, verdictOf } from "./draft.mjs";
import { loadSettings } from "./settings.mjs";

export const KEEPALIVE_ALARM = "rapport-keepalive";
const PING_EVERY_MS = 10000;

/**
 * Keeps the event page (and with it the port and the warm host) alive while something holds it:
 * a send waiting on the host, or an open compose window. Thunderbird suspends an idle event page
 * after about 30 s; messages on the native port and alarm events count as activity.
 */
export class KeepAlive {
  constructor(messenger, host, timers) {
    this.messenger = messenger;
    this.host = host;
    this.timers = timers;
    this.holds = 0;
    this.interval = null;
  }

  hold() {
    this.holds++;
    if (this.holds === 1) {
      try {
        this.messenger.alarms.create(KEEPALIVE_ALARM, { periodInMinutes: 0.5 });
      } catch (e) {
        // alarms are a second line only
      }
      this.interval = this.timers.setInterval(() => this.ping(), PING_EVERY_MS);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) {
        this.timers.clearInterval(this.interval);
        this.interval = null;
        try {
          this.messenger.alarms.clear(KEEPALIVE_ALARM);
        } catch (e) {
          // nothing to clear
        }
      }
    };
  }

  ping() {
    if (this.host.connected) {
      this.host.request({ type: "ping" }, 15000).catch(() => {});
    }
    this.messenger.runtime.getPlatformInfo?.().catch?.(() => {});
  }
}

export class Rapport {
  constructor(messenger, { timers = globalThis, now = () => performance.now(), log = console } = {}) {
    this.messenger = messenger;
    this.timers = timers;
    this.now = now;
    this.log = log;
    this.host = new HostClient(messenger.runtime, { timers, log: (m) => log.warn?.(`rapport: ${m}`) });
    this.keepAlive = new KeepAlive(messenger, this.host, timers);
    this.bypass = new Set();
    this.results = new Map();
    this.findingsWindows = new Map();
    this.composeHolds = new Map();
    this.coldStart = null;
  }

  /** Registers every listener; call synchronously at the top of the event page. */
  start() {
    const m = this.messenger;
    m.compose.onBeforeSend.addListener((tab, details) => this.onBeforeSend(tab, details));
    m.runtime.onMessage.addListener((msg, sender) => this.onMessage(msg, sender));
    m.runtime.onMessageExternal?.addListener((msg) => this.onMessageExternal(msg));
    m.alarms.onAlarm.addListener(() => {}); // the alarm's only job is to wake the page
    m.tabs.onCreated.addListener((tab) => this.onTabCreated(tab));
    m.tabs.onRemoved.addListener((tabId) => this.onTabRemoved(tabId));
    m.windows?.onRemoved?.addListener((windowId) => this.onWindowRemoved(windowId));
    // Compose windows already open when the page (re)starts.
    Promise.resolve()
      .then(() => m.tabs.query({ type: "messageCompose" }))
      .then((tabs) => (tabs || []).forEach((t) => this.onTabCreated(t)))
      .catch(() => {});
    return this;
  }

  /** A compose window opened: start the host now, so the send finds it warm, and keep it so. */
  onTabCreated(tab) {
    if (tab?.type !== "messageCompose" || this.composeHolds.has(tab.id)) return;
    this.composeHolds.set(tab.id, this.keepAlive.hold());
    if (!this.host.connected) {
      const t0 = this.now();
      this.host
        .request({ type: "ping" }, 30000)
        .then((r) => {
          if (r?.type === "pong" && this.coldStart === null) {
            this.coldStart = this.now() - t0;
            this.log.info?.(`rapport: host started in ${this.coldStart.toFixed(1)} ms (version ${r.version})`);
          }
        })
        .catch(() => {});
    }
  }

  onTabRemoved(tabId) {
    const release = this.composeHolds.get(tabId);
    if (release) {
      this.composeHolds.delete(tabId);
      release();
    }
    this.results.delete(tabId);
    this.bypass.delete(tabId);
    const w = this.findingsWindows.get(tabId);
    if (w !== undefined) {
      this.findingsWindows.delete(tabId);
      this.messenger.windows.remove(w).catch(() => {});
    }
  }

  onWindowRemoved(windowId) {
    for (const [tabId, w] of this.findingsWindows) {
      if (w === windowId) this.findingsWindows.delete(tabId);
    }
  }

  async settings() {
    return loadSettings(this.messenger.storage);
  }

  async attachmentNames(tabId) {
    try {
      const list = await this.messenger.compose.listAttachments(tabId);
      return (list || []).map((a) => a.name);
    } catch (e) {
      return [];
    }
  }

  /**
   * Asks the host about a compose window's draft.
   * Resolves with {status: "checked", scorecard, ...} or {status: "unchecked", error}; never rejects.
   */
  async check(tabId, details, settings) {
    const t0 = this.now();
    const s = settings || (await this.settings());
    let result;
    try {
      const d = details || (await this.messenger.compose.getComposeDetails(tabId));
      const request = lintRequest(d, await this.attachmentNames(tabId), s);
      const sent = this.now();
      const reply = await this.host.request(request, s.hostTimeoutSeconds * 1000);
      const roundTrip = this.now() - sent;
      const ms = this.now() - t0;
      if (reply?.type === "scorecard" && reply.scorecard) {
        result = {
          status: "checked",
          scorecard: reply.scorecard,
          thread: reply.thread ?? null,
          failUnder: reply.failUnder ?? s.failUnder ?? 0,
          cached: reply.cached === true,
          hostMicros: reply.micros,
          note: reply.note,
          ms,
        };
        this.log.info?.(
          `rapport: checked draft in ${ms.toFixed(1)} ms (port round trip ${roundTrip.toFixed(1)} ms, ` +
            `lint ${(reply.micros / 1000).toFixed(1)} ms${reply.cached ? ", cached" : ""})`,
        );
      } else {
        result = { status: "unchecked", error: reply?.error || "the host sent an unexpected answer", code: reply?.code || "protocol", ms };
      }
    } catch (e) {
      const error = e instanceof HostError ? e.message : String(e?.message || e);
      result = { status: "unchecked", error, code: e?.code || "failed", ms: this.now() - t0 };
    }
    if (result.status === "unchecked") {
      result.advice = uncheckedAdvice(result.error);
      this.log.warn?.(`rapport: could not check the draft: ${result.error}`);
    }
    this.results.set(tabId, result);
    return result;
  }

  /** compose.onBeforeSend: answers at once with the verdict; never waits on a window. */
  async onBeforeSend(tab, details) {
    if (this.bypass.delete(tab.id)) {
      return {}; // the user chose "Send anyway"
    }
    const release = this.keepAlive.hold();
    try {
      const settings = await this.settings();
      const result = await this.check(tab.id, details, settings);
      if (result.status === "unchecked") {
        if (settings.onHostFailure === "block") {
          this.showFindings(tab.id);
          return { cancel: true };
        }
        this.notify(tab.id, "Sent without a Rapport check", result.advice);
        return {};
      }
      const verdict = verdictOf(result.scorecard);
      result.verdict = verdict.kind;
      if (verdict.kind === "block") {
        this.showFindings(tab.id);
        return { cancel: true };
      }
      if (verdict.kind === "warn") {
        this.notify(tab.id, "Rapport", summary(verdict, result.failUnder));
      }
      return {};
    } finally {
      release();
    }
  }

  /** Opens (or brings back) the findings window for a draft; not awaited by the send. */
  showFindings(tabId) {
    const open = async () => {
      const old = this.findingsWindows.get(tabId);
      if (old !== undefined) {
        this.findingsWindows.delete(tabId);
        await this.messenger.windows.remove(old).catch(() => {});
      }
      const w = await this.messenger.windows.create({
        type: "popup",
        url: `findings/findings.html?tabId=${encodeURIComponent(tabId)}`,
        width: 560,
        height: 680,
      });
      this.findingsWindows.set(tabId, w.id);
      this.log.info?.(`rapport: findings window ${w.id} opened for compose tab ${tabId}`);
    };
    const p = open().catch((e) => this.log.warn?.(`rapport: cannot open the findings window: ${e?.message || e}`));
    return p;
  }

  notify(tabId, title, message) {
    try {
      const p = this.messenger.notifications.create(`rapport-${tabId}-${Date.now()}`, {
        type: "basic",
        title,
        message: String(message).slice(0, 400),
        iconUrl: "icons/rapport.svg",
      });
      p?.catch?.(() => {});
    } catch (e) {
      // a notice that cannot be shown must not stop the send
    }
  }

  /** "Send anyway" from the findings window: the next onBeforeSend for this tab lets it go. */
  async sendAnyway(tabId) {
    this.bypass.add(tabId);
    try {
      await this.messenger.compose.sendMessage(tabId);
      return { ok: true };
    } catch (e) {
      this.bypass.delete(tabId);
      return { ok: false, error: String(e?.message || e) };
    }
  }

  async focusDraft(tabId) {
    try {
      const tab = await this.messenger.tabs.get(tabId);
      await this.messenger.windows.update(tab.windowId, { focused: true });
      return { ok: true };
    } catch (e) {
      return { ok: false, error: String(e?.message || e) };
    }
  }

  /** Messages from the add-on's own pages (popup, findings window). */
  onMessage(msg, sender) {
    if (!msg || typeof msg !== "object" || !Number.isInteger(msg.tabId)) return undefined;
    switch (msg.type) {
      case "check":
        return this.check(msg.tabId);
      case "result":
        return this.results.has(msg.tabId) ? Promise.resolve(this.results.get(msg.tabId)) : this.check(msg.tabId);
      case "sendAnyway":
        return this.sendAnyway(msg.tabId);
      case "focusDraft":
        return this.focusDraft(msg.tabId);
      default:
        return undefined;
    }
  }

  /** Other add-ons may ask whether Rapport is running (used by the end-to-end test). */
  onMessageExternal(msg) {
    if (msg?.type === "status") {
      return Promise.resolve({ ok: true, name: "rapport", hostConnected: this.host.connected, coldStartMs: this.coldStart });
    }
    return undefined;
  }
}

export function startRapport(messenger, options) {
  return new Rapport(messenger, options).start();
}
