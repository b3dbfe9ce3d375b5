import { renderResult } from "../lib/view.mjs";

const tabId = Number(new URLSearchParams(location.search).get("tabId"));
const root = document.getElementById("result");
const status = document.getElementById("status");
const anyway = document.getElementById("anyway");
const back = document.getElementById("back");

async function load() {
  try {
    const result = await messenger.runtime.sendMessage({ type: "result", tabId });
    renderResult(document, root, result);
    if (result?.status !== "checked") {
      document.querySelector("h1").textContent = "Rapport could not check this draft";
    }
  } catch (e) {
    renderResult(document, root, { status: "unchecked", error: String(e?.message || e) });
  }
}

anyway.addEventListener("click", async () => {
  anyway.disabled = true;
  status.textContent = "Sending…";
  const r = await messenger.runtime.sendMessage({ type: "sendAnyway", tabId });
  if (r?.ok) {
    window.close();
  } else {
    status.textContent = `Not sent: ${r?.error || "unknown error"}`;
    anyway.disabled = false;
  }
});

back.addEventListener("click", async () => {
  await messenger.runtime.sendMessage({ type: "focusDraft", tabId });
  window.close();
});

load();
