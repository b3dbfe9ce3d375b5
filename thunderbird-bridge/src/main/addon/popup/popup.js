import { renderResult } from "../lib/view.mjs";

const root = document.getElementById("result");
const recheck = document.getElementById("recheck");

async function check() {
  recheck.disabled = true;
  try {
    const [tab] = await messenger.tabs.query({ active: true, currentWindow: true });
    const result = await messenger.runtime.sendMessage({ type: "check", tabId: tab.id });
    renderResult(document, root, result);
  } catch (e) {
    renderResult(document, root, { status: "unchecked", error: String(e?.message || e) });
  } finally {
    recheck.disabled = false;
  }
}

recheck.addEventListener("click", check);
check();
