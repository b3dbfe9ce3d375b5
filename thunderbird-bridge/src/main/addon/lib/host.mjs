// The long-lived connectNative port to the Java host, with request ids, time-outs and restart.

export const HOST_NAME = "dev.rapport.bridge";

export class HostError extends Error {
  constructor(message, code = "host") {
    super(message);
    this.name = "HostError";
    this.code = code;
  }
}

/**
 * One port to the host, opened on first use and reopened after it drops. Requests are answered
 * in order; the host answers a frame it could not even parse with `"id": null`, which belongs to
 * the oldest request still waiting.
 */
export class HostClient {
  constructor(runtime, { timers = globalThis, hostName = HOST_NAME, log = () => {} } = {}) {
    this.runtime = runtime;
    this.timers = timers;
    this.hostName = hostName;
    this.log = log;
    this.port = null;
    this.seq = 0;
    this.pending = new Map();
  }

  get connected() {
    return this.port !== null;
  }

  /** Opens the port (starting the host process) if it is not open. */
  connect() {
    if (this.port) return this.port;
    const port = this.runtime.connectNative(this.hostName);
    this.port = port;
    port.onMessage.addListener((m) => this.#onMessage(m));
    port.onDisconnect.addListener((p) => this.#onDisconnect(port, p));
    return port;
  }

  /** Closes the port; the host sees its stdin close and exits. */
  disconnect(reason = "disconnected") {
    const port = this.port;
    this.port = null;
    this.#failAll(new HostError(reason, "disconnected"));
    if (port) {
      try {
        port.disconnect();
      } catch (e) {
        // already gone
      }
    }
  }

  /** Sends a request and resolves with the host's reply (which may be an error reply). */
  request(message, timeoutMs = 20000) {
    let port;
    try {
      port = this.connect();
    } catch (e) {
      return Promise.reject(new HostError(String(e?.message || e), "connect"));
    }
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        reject(new HostError(`no answer from the Rapport host within ${Math.round(timeoutMs / 1000)} s`, "timeout"));
        // A host that does not answer is restarted on the next request.
        if (this.port === port) this.disconnect("timed out");
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        port.postMessage({ ...message, id });
      } catch (e) {
        this.pending.delete(id);
        this.timers.clearTimeout(timer);
        if (this.port === port) this.port = null;
        reject(new HostError(String(e?.message || e), "send"));
      }
    });
  }

  #onMessage(m) {
    if (!m || typeof m !== "object") return;
    let id = m.id;
    if (id === null || id === undefined) {
      id = this.pending.keys().next().value; // the oldest waiting request
    }
    const p = this.pending.get(id);
    if (!p) {
      this.log(`reply to unknown request ${id}`);
      return;
    }
    this.pending.delete(id);
    this.timers.clearTimeout(p.timer);
    p.resolve(m);
  }

  #onDisconnect(port, p) {
    if (this.port !== port) return;
    this.port = null;
    const reason = p?.error?.message || this.runtime.lastError?.message || "the Rapport host closed the connection";
    this.#failAll(new HostError(reason, "disconnected"));
  }

  #failAll(error) {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      this.timers.clearTimeout(p.timer);
      p.reject(error);
    }
  }
}
