// The options page: sends the key and region to the service worker, which stores them. The page
// shows whether a key is saved, never the key itself.

import { ask } from "./worker-link.js";

const $ = (selector) => document.querySelector(selector);

async function showStatus() {
  const status = await ask({ type: "status" });
  $("#status").textContent = status.configured
    ? `A key is saved (region ${status.region.toUpperCase()}, kept ${status.persistence === "session" ? "until the browser closes" : "on this computer"}). Type a new one to replace it.`
    : "No key is saved yet.";
  if (status.region) document.querySelector(`input[name=region][value=${status.region}]`).checked = true;
}

$("#settings").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = $("#api-key-error");
  const answer = await ask({
    type: "saveSettings",
    apiKey: $("#api-key").value,
    region: document.querySelector("input[name=region]:checked").value,
    persistence: document.querySelector("input[name=persistence]:checked").value,
  });
  if (!answer.ok) {
    error.textContent = `${answer.error.code}: ${answer.error.message}`;
    error.hidden = false;
    return;
  }
  error.hidden = true;
  $("#api-key").value = "";
  await showStatus();
  $("#status").textContent = `Saved. ${$("#status").textContent}`;
});

$("#forget").addEventListener("click", async () => {
  await ask({ type: "clearSettings" });
  await showStatus();
});

showStatus();
