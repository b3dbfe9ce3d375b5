import { loadSettings, saveSettings } from "../lib/settings.mjs";

const form = document.getElementById("form");
const saved = document.getElementById("saved");

async function fill() {
  const s = await loadSettings(messenger.storage);
  form.visa.value = s.profile.visa;
  form.school.value = s.profile.school;
  form.country.value = s.profile.country;
  form.citizenship.value = s.profile.citizenship;
  form.failUnder.value = s.failUnder === null ? "" : String(s.failUnder);
  form.onHostFailure.value = s.onHostFailure;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const raw = form.failUnder.value.trim();
  const failUnder = raw === "" ? null : Number(raw);
  if (failUnder !== null && !(Number.isInteger(failUnder) && failUnder >= 0 && failUnder <= 100)) {
    saved.textContent = "The threshold is a whole number from 0 to 100.";
    return;
  }
  const current = await loadSettings(messenger.storage);
  await saveSettings(messenger.storage, {
    ...current,
    profile: {
      visa: form.visa.value,
      school: form.school.value,
      country: form.country.value,
      citizenship: form.citizenship.value,
    },
    failUnder,
    onHostFailure: form.onHostFailure.value,
  });
  saved.textContent = "Saved.";
});

fill();
