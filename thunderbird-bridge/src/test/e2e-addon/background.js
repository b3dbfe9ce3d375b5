// Drives the end-to-end test: waits for Rapport, then composes and sends the drafts in drafts.json,
// printing one "RAPPORT-E2E ..." line per step on Thunderbird's stdout for the JUnit test to read.
const RAPPORT = "rapport@rapport.dev";

function out(line) {
  dump(`RAPPORT-E2E ${line}\n`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForRapport() {
  let last;
  for (let i = 0; i < 300; i++) {
    try {
      const r = await messenger.runtime.sendMessage(RAPPORT, { type: "status" });
      if (r && r.ok) return r;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`Rapport did not answer: ${last}`);
}

async function run() {
  try {
    const drafts = await (await fetch(messenger.runtime.getURL("drafts.json"))).json();
    out(`rapport ${JSON.stringify(await waitForRapport())}`);
    const accounts = await messenger.accounts.list();
    const identity = accounts.flatMap((a) => a.identities || [])[0];
    if (!identity) throw new Error("no identity configured");
    for (const d of drafts) {
      const tab = await messenger.compose.beginNew({
        identityId: identity.id,
        to: [d.to],
        subject: d.subject,
        isPlainText: true,
        plainTextBody: d.body,
      });
      const t0 = performance.now();
      try {
        await messenger.compose.sendMessage(tab.id, { mode: "sendNow" });
        out(`result ${d.name} sent ${(performance.now() - t0).toFixed(1)}`);
      } catch (e) {
        out(`result ${d.name} stopped ${(performance.now() - t0).toFixed(1)} ${String(e && e.message ? e.message : e).replace(/\s+/g, " ")}`);
      }
    }
    out(`rapport ${JSON.stringify(await messenger.runtime.sendMessage(RAPPORT, { type: "status" }))}`);
    out("DONE");
  } catch (e) {
    out(`FAILED ${String(e && e.stack ? e.stack : e).replace(/\s+/g, " ")}`);
  }
}

run();
