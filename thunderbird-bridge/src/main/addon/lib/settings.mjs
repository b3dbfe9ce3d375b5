// The options the user sets on the options page, kept in storage.local under one key.

export const SETTINGS_KEY = "settings";

export const VISA_CHOICES = ["", "J-1", "H-1B", "none"];

export const DEFAULT_SETTINGS = Object.freeze({
  // Laid over the [profile] of ~/.config/rapport/rapport.toml by the host; empty fields keep the file's.
  profile: Object.freeze({ visa: "", school: "", country: "", citizenship: "" }),
  // Overall score under which a draft is stopped; null keeps lint.failUnder from the config file.
  failUnder: null,
  // What happens when the host is missing or fails: "send" (and say it was not checked) or "block".
  onHostFailure: "send",
  // How long a send may wait for the host; a cold Java start takes about a second.
  hostTimeoutSeconds: 20,
});

/** Returns the settings with defaults for anything missing or malformed. */
export function normalizeSettings(raw) {
  const s = raw && typeof raw === "object" ? raw : {};
  const p = s.profile && typeof s.profile === "object" ? s.profile : {};
  const text = (v) => (typeof v === "string" ? v.trim().slice(0, 200) : "");
  const visa = VISA_CHOICES.includes(p.visa) ? p.visa : "";
  let failUnder = null;
  if (Number.isInteger(s.failUnder) && s.failUnder >= 0 && s.failUnder <= 100) {
    failUnder = s.failUnder;
  }
  const timeout = Number.isFinite(s.hostTimeoutSeconds) ? Math.min(120, Math.max(2, s.hostTimeoutSeconds)) : DEFAULT_SETTINGS.hostTimeoutSeconds;
  return {
    profile: { visa, school: text(p.school), country: text(p.country), citizenship: text(p.citizenship) },
    failUnder,
    onHostFailure: s.onHostFailure === "block" ? "block" : "send",
    hostTimeoutSeconds: timeout,
  };
}

export async function loadSettings(storage) {
  try {
    const got = await storage.local.get(SETTINGS_KEY);
    return normalizeSettings(got?.[SETTINGS_KEY]);
  } catch (e) {
    return normalizeSettings(null);
  }
}

export async function saveSettings(storage, settings) {
  const s = normalizeSettings(settings);
  await storage.local.set({ [SETTINGS_KEY]: s });
  return s;
}
