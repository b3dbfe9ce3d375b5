// A fake of the parts of Thunderbird's `messenger` the add-on uses, with a scriptable host.

export class FakeEvent {
  constructor() {
    this.listeners = [];
  }
  addListener(l) {
    this.listeners.push(l);
  }
  hasListener(l) {
    return this.listeners.includes(l);
  }
  fire(...args) {
    return this.listeners.map((l) => l(...args));
  }
}

/** Timers that only move when the test says so. */
export class FakeTimers {
  constructor() {
    this.now = 0;
    this.seq = 0;
    this.tasks = new Map();
  }
  setTimeout(fn, ms) {
    const id = ++this.seq;
    this.tasks.set(id, { fn, at: this.now + ms, every: 0 });
    return id;
  }
  clearTimeout(id) {
    this.tasks.delete(id);
  }
  setInterval(fn, ms) {
    const id = ++this.seq;
    this.tasks.set(id, { fn, at: this.now + ms, every: ms });
    return id;
  }
  clearInterval(id) {
    this.tasks.delete(id);
  }
  get active() {
    return this.tasks.size;
  }
  /** Moves time on, running what falls due. */
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      let next = null;
      for (const [id, t] of this.tasks) if (t.at <= end && (next === null || t.at < next[1].at)) next = [id, t];
      if (!next) break;
      const [id, t] = next;
      this.now = t.at;
      if (t.every) t.at += t.every;
      else this.tasks.delete(id);
      t.fn();
    }
    this.now = end;
  }
}

export const flush = () => new Promise((r) => setImmediate(r));

/**
 * @param host a function (request) => reply | undefined (no answer) | "disconnect"; or null for a
 *     host that is not installed
 */
export function fakeMessenger({ host, composeDetails = {}, attachments = {}, settings } = {}) {
  const log = { requests: [], connects: 0, windows: [], removedWindows: [], notifications: [], alarms: new Set(), sent: [], pings: 0 };
  const store = settings ? { settings } : {};
  let windowSeq = 100;
  const m = {
    log,
    runtime: {
      lastError: null,
      onMessage: new FakeEvent(),
      onMessageExternal: new FakeEvent(),
      getPlatformInfo: async () => ({ os: "linux" }),
      connectNative(name) {
        log.connects++;
        const port = {
          name,
          onMessage: new FakeEvent(),
          onDisconnect: new FakeEvent(),
          error: null,
          closed: false,
          postMessage(msg) {
            if (port.closed) throw new Error("Attempt to postMessage on disconnected port");
            log.requests.push(msg);
            if (msg.type === "ping") log.pings++;
            setImmediate(() => {
              if (port.closed) return;
              const reply = host(msg);
              if (reply === "disconnect") {
                port.closed = true;
                port.error = { message: "the host exited" };
                port.onDisconnect.fire(port);
              } else if (reply !== undefined) {
                port.onMessage.fire(reply);
              }
            });
          },
          disconnect() {
            port.closed = true;
          },
        };
        if (host === null) {
          setImmediate(() => {
            port.closed = true;
            port.error = { message: `No such native application ${name}` };
            port.onDisconnect.fire(port);
          });
        }
        return port;
      },
    },
    compose: {
      onBeforeSend: new FakeEvent(),
      async getComposeDetails(tabId) {
        return composeDetails[tabId];
      },
      async listAttachments(tabId) {
        return (attachments[tabId] || []).map((name, i) => ({ id: i, name }));
      },
      async sendMessage(tabId) {
        const [answer] = m.compose.onBeforeSend.fire({ id: tabId, type: "messageCompose" }, composeDetails[tabId]);
        const r = await answer;
        if (r?.cancel) throw new Error("Send aborted by an onBeforeSend event");
        log.sent.push(tabId);
        return true;
      },
    },
    storage: {
      local: {
        async get(key) {
          return key in store ? { [key]: structuredClone(store[key]) } : {};
        },
        async set(obj) {
          Object.assign(store, structuredClone(obj));
        },
      },
    },
    alarms: {
      onAlarm: new FakeEvent(),
      create(name) {
        log.alarms.add(name);
      },
      clear(name) {
        log.alarms.delete(name);
        return Promise.resolve(true);
      },
    },
    tabs: {
      onCreated: new FakeEvent(),
      onRemoved: new FakeEvent(),
      async query() {
        return [];
      },
      async get(id) {
        return { id, windowId: 1000 + id, type: "messageCompose" };
      },
    },
    windows: {
      onRemoved: new FakeEvent(),
      createHangs: false,
      create(opts) {
        log.windows.push(opts);
        if (m.windows.createHangs) return new Promise(() => {});
        return Promise.resolve({ id: ++windowSeq });
      },
      async remove(id) {
        log.removedWindows.push(id);
      },
      async update() {
        return {};
      },
    },
    notifications: {
      async create(id, opts) {
        log.notifications.push(opts);
        return id;
      },
    },
  };
  return m;
}

/** A scorecard as the host sends it. */
export function scorecard(findings, { overall = 80, passed } = {}) {
  const hasError = findings.some((f) => f.severity === "error");
  return {
    file: "compose window",
    overall,
    dimensions: { brevity: 90, specificity: 70, personalization: 85, visaTransparency: 60 },
    passed: passed ?? !hasError,
    findings: findings.map((f, i) => ({
      rule: f.rule || `RULE_${i}`,
      severity: f.severity,
      dimension: "hygiene",
      line: 1,
      column: 1,
      offset: 0,
      length: 1,
      field: "body",
      message: f.message || `finding ${i}`,
      suggestion: f.suggestion || "",
      deduction: 5,
    })),
  };
}

/** A host that lints by looking for "[" in the body, like a tiny UNFILLED_PLACEHOLDER. */
export function placeholderHost(extra = () => []) {
  return (req) => {
    if (req.type === "ping") return { id: req.id, type: "pong", version: "test", protocol: 1 };
    if (req.type !== "lint") return { id: req.id, type: "error", code: "unknown-type", error: "unknown" };
    const body = req.draft.isPlainText ? req.draft.plainTextBody : req.draft.body;
    const findings = [...extra(req)];
    if (/\[[A-Za-z ]+\]/.test(body)) findings.push({ rule: "UNFILLED_PLACEHOLDER", severity: "error", message: "A placeholder is left." });
    return { id: req.id, type: "scorecard", scorecard: scorecard(findings), failUnder: req.failUnder ?? 0, cached: false, micros: 900 };
  };
}
