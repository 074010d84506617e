// The trigger form: a live prepare() preview with errors at the field they name, a confirm step
// with the exact request, the audience in words and the spacing wait, then one send.

import { ask, call, prepare } from "./worker-link.js";
import { AUDIENCE_KINDS, FLAGS, FormError, describeAudience, formFieldOf, triggerParams } from "./trigger-form.js";
import { formatPeople } from "./funnel.js";

const $ = (selector) => document.querySelector(selector);
const CONTROL = { ids: "#aud-ids", emails: "#aud-emails", segment: "#aud-segment", data: "#data" };
const SWITCH = { ids: "#aud-ids-on", emails: "#aud-emails-on", segment: "#aud-segment-on", default_audience: "#aud-default-on" };

/** The request as it will go on the wire, as text. */
function requestText(request) {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${request.method} ${request.url}\n${headers}\n\n${request.body ?? ""}`;
}

/**
 * What the trigger list says about a send whose answer was lost (the package's findTrigger over
 * the send's window); null when it could not be asked.
 */
function settle(broadcastId, startedAt) {
  const window = { broadcast_id: broadcastId, after: Math.floor(startedAt / 1000), before: Math.floor(Date.now() / 1000) };
  return call("findTrigger", window).catch(() => null);
}

/** The advice after a lost answer, from findTrigger's verdict (not "found": that one was sent). */
function settledAdvice(settled) {
  switch (settled?.outcome) {
    case "none":
      return "The trigger list shows no trigger created since you pressed Send, so it most likely was not sent; a request that timed out can still be processed, so check the list again in a minute before sending it again.";
    case "ambiguous":
      return `More than one trigger (${settled.candidates.map((t) => t.id).join(", ")}) was created since you pressed Send: something else triggers this broadcast too. Do not send it again before checking them in the list.`;
    default:
      return "The trigger list could not be read just now. Do not send it again before checking: look for a trigger created just now in the list.";
  }
}

export function createTriggerView({ getBroadcastId, onSent }) {
  let segments = [];
  let latest = 0;
  let pending = null;

  function state() {
    return {
      broadcastId: getBroadcastId(),
      on: Object.fromEntries(AUDIENCE_KINDS.map((kind) => [kind, $(SWITCH[kind]).checked])),
      ids: $("#aud-ids").value,
      emails: $("#aud-emails").value,
      segmentId: $("#aud-segment").value,
      data: $("#data").value,
      flags: Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, $(`#flag-${flag}`).checked])),
    };
  }

  function clearErrors() {
    for (const node of document.querySelectorAll(".field-error")) {
      node.hidden = true;
      node.textContent = "";
    }
    for (const node of document.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  }

  function showError(error) {
    const field = formFieldOf(error.field);
    const box = $(`#err-${field}`) ?? $("#err-audience");
    box.textContent = `${error.code} ${error.field ? `(${error.field}) ` : ""}${error.message}`;
    box.hidden = false;
    $(CONTROL[field] ?? SWITCH[field] ?? "#audience")?.setAttribute("aria-invalid", "true");
  }

  function showFlags() {
    for (const flag of document.querySelectorAll(".flag")) flag.hidden = !$(SWITCH[flag.dataset.for]).checked;
  }

  /** Validates in the worker (prepare: nothing is sent) and shows the preview or the error. */
  async function refresh() {
    const ticket = ++latest;
    showFlags();
    $("#confirm").hidden = true;
    let params;
    let result;
    try {
      params = triggerParams(state());
      result = { request: await prepare("triggerBroadcast", params) };
    } catch (error) {
      result = { error };
    }
    if (ticket !== latest) return null;
    clearErrors();
    if (result.error) {
      // No audience ticked yet is where every form starts: say so in the preview, not as a fault.
      if (result.error.code === "missing_audience") $("#preview").textContent = `Choose an audience. (${result.error.code}: ${result.error.message})`;
      else {
        showError(result.error);
        $("#preview").textContent = `Refused before sending: ${result.error.code}`;
      }
      $("#review").disabled = true;
      return null;
    }
    $("#preview").textContent = requestText(result.request);
    $("#review").disabled = false;
    return { params, request: result.request };
  }

  async function review() {
    const ready = await refresh();
    if (ready === null) return;
    pending = ready;
    $("#confirm-audience").textContent = describeAudience(ready.params, segments);
    showCount(ready.params);
    $("#confirm-request").textContent = requestText(ready.request);
    const { waitMs, intervalMs } = await ask({ type: "spacing", broadcastId: ready.params.broadcast_id });
    $("#confirm-wait").textContent = waitMs > 0
      ? `This broadcast was triggered moments ago; the API allows one trigger every ${intervalMs / 1000} s, so this one will go out in about ${Math.max(1, Math.round(waitMs / 1000))} s.`
      : "It goes out as soon as you confirm.";
    $("#confirm").hidden = false;
    $("#send").disabled = false;
    $("#send").focus();
  }

  /**
   * How many people it reaches, filled in when known: the confirm step never waits for it, and
   * a count that cannot be had (429, 5xx) is shown as unknown, never blocking the send.
   */
  function showCount(params) {
    const box = $("#confirm-count");
    box.textContent = ": counting people…";
    box.dataset.count = "";
    call("countAudience", params).then(
      (counted) => {
        if (pending?.params !== params) return;
        box.dataset.count = counted.count === null ? "unknown" : String(counted.count);
        box.textContent = counted.count === null ? ` (number of people unknown: ${counted.reason})` : `: ${formatPeople(counted.count)}`;
      },
      (error) => {
        if (pending?.params !== params) return;
        box.dataset.count = "unknown";
        box.textContent = ` (number of people unknown: ${error.code})`;
      },
    );
  }

  async function send() {
    if (pending === null) return;
    const { params } = pending;
    pending = null;
    $("#send").disabled = true;
    $("#back").disabled = true;
    const outcome = $("#outcome");
    outcome.className = "";
    const { waitMs } = await ask({ type: "spacing", broadcastId: params.broadcast_id });
    outcome.textContent = waitMs > 0 ? `Waiting ${Math.max(1, Math.round(waitMs / 1000))} s for the broadcast's spacing, then sending…` : "Sending…";
    const startedAt = Date.now();
    try {
      const result = await call("triggerBroadcast", params);
      outcome.textContent = `Trigger ${result.id} sent to ${describeAudience(params, segments)}.`;
      outcome.dataset.triggerId = String(result.id);
      $("#confirm").hidden = true;
      await onSent(result);
    } catch (error) {
      outcome.className = "warn";
      if (error.code === "unknown_outcome") {
        const settled = await settle(params.broadcast_id, startedAt);
        if (settled?.outcome === "found") {
          outcome.className = "";
          outcome.textContent = `The answer was lost, but the trigger list shows trigger ${settled.trigger.id} created just now: it was sent to ${describeAudience(params, segments)}. Do not send it again.`;
          outcome.dataset.triggerId = String(settled.trigger.id);
          $("#confirm").hidden = true;
          await onSent({ id: settled.trigger.id });
          return;
        }
        outcome.textContent = `The answer was lost: Customer.io may or may not have received this trigger. ${settledAdvice(settled)} `;
        const check = document.createElement("button");
        check.type = "button";
        check.id = "check-triggers";
        check.textContent = "Check the trigger list";
        check.addEventListener("click", async () => {
          await onSent(null);
          $("#triggers-heading").focus();
        });
        outcome.append(check);
      } else {
        outcome.textContent = `Not sent: ${error.code}${error.field ? ` at ${error.field}` : ""}: ${error.message}`;
      }
    } finally {
      $("#back").disabled = false;
    }
  }

  const form = $("#trigger-form");
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  $("#review").addEventListener("click", review);
  $("#send").addEventListener("click", send);
  $("#back").addEventListener("click", () => {
    pending = null;
    $("#confirm").hidden = true;
  });

  return {
    refresh,
    /** Fills the segment picker with the workspace's segments, by name. */
    async loadSegments() {
      const answer = await call("getSegments", {});
      segments = answer.segments ?? [];
      const select = $("#aud-segment");
      select.replaceChildren(
        Object.assign(document.createElement("option"), { value: "", textContent: "Choose a segment…" }),
        ...segments.map((segment) => Object.assign(document.createElement("option"), { value: String(segment.id), textContent: segment.name ?? `Segment ${segment.id}` })),
      );
    },
  };
}

export { FormError };
