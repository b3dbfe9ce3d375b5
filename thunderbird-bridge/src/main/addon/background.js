// The event page: every listener is registered synchronously by startRapport, as MV3 requires,
// so Thunderbird can wake the page for a send.
import { startRapport } from "./lib/rapport.mjs";

startRapport(globalThis.messenger);
