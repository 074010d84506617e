// The playground: wires the operation forms, the live preview (cio.prepare), Send, the
// connection panel and the delivery funnel to the customerio-wasm package.

import { OPERATIONS, AUDIENCE_PARAMS, PageInputError, renderOperation, readParams, applyPreset, setAudienceOn, controlFor } from "./operations.js";
import { escapeInvisible, longText, renderJson, renderJsonText } from "./json-view.js";
import { funnelChart, volumeChart, formatCount, formatRate } from "./charts.js";

const $ = (selector, root = document) => root.querySelector(selector);

let CustomerIo, CustomerIoError, createSandbox, funnel;
try {
  ({ CustomerIo, CustomerIoError } = await import("customerio-wasm"));
  ({ createSandbox } = await import("customerio-wasm/sandbox"));
  // The same funnel computation the Node tour prints (examples/funnel.mjs).
  ({ funnel } = await import("/examples/funnel.mjs"));
} catch (error) {
  const banner = $("#load-error");
  banner.textContent = `The playground could not load the package (${error.message}). Build it with "make pkg" and serve the repository with "node examples/serve-www.mjs".`;
  banner.hidden = false;
  $("#connection-badge").textContent = "Not loaded";
  throw error;
}

const SANDBOX_ORIGIN = "https://api.customer.io";

// ---------------------------------------------------------------------------------------------
// Connection: the sandbox in the page, or an endpoint and key the user types.

const state = {
  mode: "sandbox",
  sandbox: createSandbox(),
  cio: null,
  target: "",
  /** Every fetch the client made, counted here (pages of the funnel, requests per Send). */
  traffic: { requests: 0, messagePages: 0, lastStatus: null },
  active: OPERATIONS[0],
  forms: new Map(),
};

/** The fetch given to the client: the real one (sandbox or global), counted. */
function meteredFetch(base) {
  return async (input, init) => {
    state.traffic.requests += 1;
    const url = typeof input === "string" ? input : input.url;
    if (new URL(url).pathname === "/v1/messages") state.traffic.messagePages += 1;
    const response = await base(input, init);
    state.traffic.lastStatus = response.status;
    return response;
  };
}

function connectSandbox() {
  state.mode = "sandbox";
  state.cio = new CustomerIo({ apiKey: state.sandbox.apiKey, baseUrl: SANDBOX_ORIGIN, fetch: meteredFetch(state.sandbox.fetch) });
  state.target = "the in-page sandbox";
  window.__sandbox = state.sandbox;
  window.__cio = state.cio;
  fillDatalists(state.sandbox.workspace);
  setBadge("Sandbox", "sandbox");
  updateSandboxSummary();
}

/** Builds a client from the Connection fields (on every edit); a bad field is shown inline. */
function connectRemote() {
  const baseUrl = $("#conn-base-url").value.trim();
  const region = $("#conn-region").value;
  const apiKey = $("#conn-api-key").value;
  for (const name of ["base-url", "api-key", "region"]) {
    $(`#conn-${name}-error`).hidden = true;
    $(`#conn-${name}`).removeAttribute("aria-invalid");
  }
  state.mode = "remote";
  fillDatalists(null);
  try {
    state.cio = new CustomerIo({ apiKey, region, ...(baseUrl ? { baseUrl } : {}), fetch: meteredFetch((input, init) => globalThis.fetch(input, init)) });
  } catch (err) {
    state.cio = null;
    window.__cio = null;
    const name = { baseUrl: "base-url", apiKey: "api-key", region: "region" }[err.field] ?? "base-url";
    $(`#conn-${name}-error`).replaceChildren(errorLine(err));
    $(`#conn-${name}-error`).hidden = false;
    $(`#conn-${name}`).setAttribute("aria-invalid", "true");
    setBadge("Endpoint: not connected", "none");
    return false;
  }
  state.target = String(state.cio.toJSON().baseUrl);
  window.__cio = state.cio;
  setBadge(`Endpoint: ${state.target}`, "remote");
  return true;
}

function setBadge(text, kind) {
  const badge = $("#connection-badge");
  badge.textContent = text;
  badge.dataset.kind = kind;
  $("#send-target").textContent = state.cio === null ? "" : `to ${state.mode === "sandbox" ? "the in-page sandbox" : state.target}`;
  $("#send").disabled = state.cio === null;
  $("#funnel-run").disabled = state.cio === null;
}

function updateSandboxSummary() {
  const { workspace, requests } = state.sandbox;
  $("#sandbox-summary").textContent =
    `Seeded workspace: ${workspace.messages.length} messages, ${workspace.segments.length} segments, ` +
    `${workspace.newsletters.length} newsletters, ${workspace.campaigns.length} campaigns, ` +
    `${workspace.broadcasts.length} broadcasts (${workspace.triggers.length} triggers). ` +
    `Requests received: ${requests.length}.`;
}

const DATALISTS = {
  broadcasts: (ws) => ws.broadcasts.map((b) => [b.id, b.name]),
  campaigns: (ws) => ws.campaigns.map((c) => [c.id, c.name]),
  newsletters: (ws) => ws.newsletters.map((n) => [n.id, n.name ?? "(untitled)"]),
  segments: (ws) => ws.segments.map((s) => [s.id, s.name]),
  actions: (ws) => [...ws.campaigns, ...ws.broadcasts].flatMap((p) => p.actions.map((a) => [a.id, `${p.name}: ${a.type}`])),
  triggers: (ws) => ws.triggers.map((t) => [t.id, `broadcast ${t.broadcast_id}`]),
  transactional: (ws) => ws.transactional.map((t) => [t.id, t.name]),
};

/** Suggestions for the id inputs, from the sandbox's workspace (none for a remote endpoint). */
function fillDatalists(workspace) {
  for (const [name, entries] of Object.entries(DATALISTS)) {
    let list = document.getElementById(`list-${name}`);
    if (!list) {
      list = document.createElement("datalist");
      list.id = `list-${name}`;
      document.body.append(list);
    }
    list.replaceChildren(...(workspace ? entries(workspace) : []).map(([value, label]) => new Option(label, value)));
  }
  updateFunnelIdOptions();
}

$("#connection-form").addEventListener("change", (event) => {
  if (event.target.name !== "mode") return;
  const remote = event.target.value === "remote";
  $("#remote-fields").hidden = !remote;
  $("#sandbox-tools").hidden = remote;
  if (remote) {
    connectRemote();
    $("#conn-base-url").focus();
  } else {
    connectSandbox();
  }
  updatePreview();
});

$("#remote-fields").addEventListener("input", () => {
  connectRemote();
  updatePreview();
});
$("#connection-form").addEventListener("submit", (event) => event.preventDefault());

$("#sandbox-reset").addEventListener("click", () => {
  state.sandbox.reset();
  connectSandbox(); // a new client too: its trigger spacing starts over like the sandbox's
  updatePreview();
  showResponseNote("Sandbox reset: seeded workspace restored, request log cleared.");
});

// ---------------------------------------------------------------------------------------------
// Operation tabs and forms

const tabs = $("#op-tabs");
for (const op of OPERATIONS) {
  const { tab, panel, form } = renderOperation(op);
  tabs.append(tab);
  $("#op-panels").append(panel);
  state.forms.set(op.method, form);
  form.addEventListener("input", (event) => onFormInput(op, form, event));
  form.addEventListener("change", (event) => onFormInput(op, form, event));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  form.addEventListener("click", (event) => {
    const chip = event.target.closest("[data-preset]");
    if (!chip) return;
    applyPreset(op, form, op.presets[Number(chip.dataset.preset)]);
    updatePreview();
  });
}

tabs.addEventListener("click", (event) => {
  const tab = event.target.closest("[role=tab]");
  if (tab) selectOperation(tab.dataset.method, { focus: false });
});
tabs.addEventListener("keydown", (event) => {
  const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  if (!(event.key in keys) && event.key !== "Home" && event.key !== "End") return;
  event.preventDefault();
  const index = OPERATIONS.indexOf(state.active);
  const next = event.key === "Home" ? 0 : event.key === "End" ? OPERATIONS.length - 1
    : (index + keys[event.key] + OPERATIONS.length) % OPERATIONS.length;
  selectOperation(OPERATIONS[next].method, { focus: true });
});

function selectOperation(method, { focus }) {
  state.active = OPERATIONS.find((op) => op.method === method);
  for (const tab of tabs.children) {
    const selected = tab.dataset.method === method;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focus) tab.focus();
  }
  for (const op of OPERATIONS) $(`#panel-${op.method}`).hidden = op.method !== method;
  updatePreview();
}

function onFormInput(op, form, event) {
  const target = event.target;
  if (target.dataset.audienceToggle) {
    setAudienceOn(form, target.dataset.audienceToggle, target.checked);
    if (event.type === "change" && target.checked) form.querySelector(`[data-param="${target.dataset.audienceToggle}"]`)?.focus();
  } else if (target.dataset.kind === "optIn") {
    target.closest(".field").classList.toggle("off", !target.checked);
  }
  if (op === state.active) updatePreview();
}

// ---------------------------------------------------------------------------------------------
// Live preview and inline errors

const isCioError = (error) => error instanceof CustomerIoError || error instanceof PageInputError;

function clearErrors(form) {
  for (const node of form.querySelectorAll(".field-error")) {
    node.hidden = true;
    node.replaceChildren();
  }
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const node of form.querySelectorAll(".field.invalid, fieldset.invalid")) node.classList.remove("invalid");
}

/** `code` + message, as shown everywhere an error is. */
function errorLine(error) {
  const line = document.createElement("span");
  const code = document.createElement("code");
  code.className = "error-code";
  code.textContent = error.code ?? error.name;
  line.append(code, " ", longText(escapeInvisible(error.message)));
  if (error.field && error.field !== fieldRoot(error.field)) {
    const at = document.createElement("span");
    at.className = "muted";
    at.textContent = ` (at ${escapeInvisible(error.field)})`;
    line.append(at);
  }
  return line;
}

const fieldRoot = (field) => field.split(/[.[]/)[0];

/** Shows a validation error at the input its `field` names; returns that input (or null). */
function showFieldError(op, form, error) {
  let control = controlFor(op, form, error.field);
  let slot = control ? document.getElementById(`${control.id}-error`) : null;
  // No audience at all: the message belongs to the audience group, not to the ids box.
  if (error.code === "missing_audience" || (control && AUDIENCE_PARAMS.includes(control.dataset.param) && !isAudienceOn(form, control))) {
    const group = document.getElementById(`${op.method}-audience-error`);
    if (group) {
      slot = group;
      control = document.getElementById(`${op.method}-audience`);
    }
  }
  slot ??= document.getElementById(`${op.method}-form-error`);
  slot.replaceChildren(errorLine(error));
  slot.hidden = false;
  if (control) {
    control.setAttribute("aria-invalid", "true");
    control.closest(".field, fieldset")?.classList.add("invalid");
  }
  return control;
}

function isAudienceOn(form, control) {
  if (control.dataset.kind === "optIn") return control.checked;
  return form.querySelector(`[data-audience-toggle="${control.dataset.param}"]`)?.checked ?? true;
}

/** Reads the active form, runs cio.prepare, shows the request or the error. Returns the params or null. */
function updatePreview() {
  const op = state.active;
  const form = state.forms.get(op.method);
  clearErrors(form);
  const status = $("#preview-state");
  const request = $("#preview-request");
  let params;
  if (state.cio === null) {
    request.hidden = true;
    status.className = "preview-state invalid";
    status.textContent = "No client: fix the highlighted Connection field (base URL, region or API key).";
    return null;
  }
  try {
    params = readParams(op, form);
    const prepared = state.cio.prepare(op.method, params);
    request.hidden = false;
    $("#preview-method").textContent = prepared.method;
    $("#preview-method").dataset.method = prepared.method;
    $("#preview-url").textContent = prepared.url;
    $("#preview-headers").textContent = Object.entries(prepared.headers).map(([name, value]) => `${name}: ${value}`).join("\n");
    if (prepared.body === null) {
      $("#preview-body").textContent = "(no body)";
      $("#preview-body").classList.add("empty");
    } else {
      $("#preview-body").classList.remove("empty");
      renderJsonText($("#preview-body"), prepared.body);
    }
    status.className = "preview-state ok";
    status.textContent = "Valid: this is exactly what Send will request.";
    return params;
  } catch (error) {
    request.hidden = true;
    status.className = "preview-state invalid";
    if (!isCioError(error)) {
      status.textContent = `Unexpected error: ${error}`;
      return null;
    }
    const control = showFieldError(op, form, error);
    const lead = document.createElement("strong");
    lead.textContent = error instanceof PageInputError ? "Not JSON yet: " : "Refused before sending: ";
    status.replaceChildren(lead, errorLine(error));
    if (control) {
      const go = document.createElement("button");
      go.type = "button";
      go.className = "link";
      go.textContent = "Go to the field";
      go.addEventListener("click", () => control.focus());
      status.append(" ", go);
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Send and the response panel

let inflight = null;

async function send() {
  if (inflight || state.cio === null) return;
  const op = state.active;
  const form = state.forms.get(op.method);
  let params;
  try {
    params = readParams(op, form);
  } catch (error) {
    updatePreview();
    showError(op, error, 0, 0);
    return;
  }
  const controller = new AbortController();
  inflight = controller;
  const sendButton = $("#send");
  sendButton.disabled = true;
  sendButton.textContent = "Sending…";
  $("#cancel").hidden = false;
  showResponseNote(`Sending ${op.method}…`);
  const before = state.traffic.requests;
  const started = performance.now();
  const ticker = setInterval(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    showResponseNote(`Waiting ${seconds} s… ${op.method === "triggerBroadcast" ? "(the client spaces triggers of one broadcast: the sandbox allows one per 10 s)" : ""}`);
  }, 1000);
  try {
    const result = await state.cio[op.method](params, { signal: controller.signal });
    showResult(op, result, state.traffic.requests - before, performance.now() - started);
  } catch (error) {
    showError(op, error, state.traffic.requests - before, performance.now() - started);
  } finally {
    clearInterval(ticker);
    inflight = null;
    sendButton.disabled = state.cio === null;
    sendButton.textContent = "Send";
    $("#cancel").hidden = true;
    if (state.mode === "sandbox") updateSandboxSummary();
  }
}

$("#send").addEventListener("click", send);
$("#cancel").addEventListener("click", () => inflight?.abort());

function resetResponse() {
  $("#response-empty").hidden = true;
  $("#response-error").hidden = true;
  $("#response-body").hidden = true;
  $("#response-status").hidden = false;
}

function showResponseNote(text) {
  resetResponse();
  const status = $("#response-status");
  status.className = "response-status note";
  status.textContent = text;
}

function requestsText(count) {
  return `${count} request${count === 1 ? "" : "s"}`;
}

function showResult(op, result, requests, ms) {
  resetResponse();
  const status = $("#response-status");
  status.className = "response-status ok";
  status.textContent = `✓ ${state.traffic.lastStatus ?? ""} ${op.method} · ${requestsText(requests)} · ${Math.round(ms)} ms`;
  const body = $("#response-body");
  renderJson(body, result);
  body.hidden = false;
}

function showError(op, error, requests, ms) {
  resetResponse();
  const status = $("#response-status");
  status.className = "response-status failed";
  const refused = requests === 0 && isCioError(error);
  status.textContent = refused
    ? `✗ ${op.method} refused by the client: no request was made`
    : `✗ ${op.method} failed${error.status ? ` with HTTP ${error.status}` : ""} · ${requestsText(requests)} · ${Math.round(ms)} ms`;
  const detail = $("#response-error");
  const rows = [["code", error.code ?? error.name], ["message", error.message]];
  if (error.field) rows.push(["field", error.field]);
  if (error.status) rows.push(["status", String(error.status)]);
  if (error.retryAfterMs != null) rows.push(["retryAfterMs", String(error.retryAfterMs)]);
  const list = document.createElement("dl");
  for (const [name, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.append(longText(escapeInvisible(value)));
    if (name === "code") dd.className = "error-code";
    list.append(dt, dd);
  }
  detail.replaceChildren(list);
  detail.hidden = false;
  if (error.code === "unknown_outcome") {
    const tip = document.createElement("p");
    tip.className = "hint";
    tip.textContent = "The trigger may have been created: check the Triggers tab before sending again.";
    detail.append(tip);
  }
  if (Array.isArray(error.errors) && error.errors.length > 0) {
    const body = $("#response-body");
    renderJson(body, { errors: error.errors });
    body.hidden = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Delivery funnel

const FUNNEL_FIELDS = { campaign_id: "#funnel-id", newsletter_id: "#funnel-id", start_ts: "#funnel-start", end_ts: "#funnel-end", limit: "#funnel-limit" };
let funnelRun = null;

const toLocalInput = (date) => {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

function initFunnelForm() {
  const now = new Date();
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes() + 1);
  const start = new Date(end.getTime() - 30 * 86_400_000);
  $("#funnel-start").value = toLocalInput(start);
  $("#funnel-end").value = toLocalInput(end);
  updateFunnelIdOptions();
}

function updateFunnelIdOptions() {
  const kind = $("#funnel-kind").value;
  const workspace = state.mode === "sandbox" ? state.sandbox.workspace : null;
  const lists = { campaign: "campaigns", broadcast: "broadcasts", newsletter: "newsletters" };
  const entries = workspace ? DATALISTS[lists[kind]](workspace) : [];
  $("#funnel-id-options").replaceChildren(...entries.map(([value, label]) => new Option(label, value)));
  const id = $("#funnel-id");
  if (workspace && !entries.some(([value]) => String(value) === id.value.trim())) id.value = entries[0] ? String(entries[0][0]) : "";
  $("#funnel-note").textContent = kind === "broadcast"
    ? "The API's message filter has campaign_id and newsletter_id but no broadcast filter: for a broadcast the page reads every message of the date range and keeps those whose broadcast_id matches."
    : `Filtered by the API with ${kind}_id and the date range; every page is read with cio.messages().`;
}

$("#funnel-kind").addEventListener("change", updateFunnelIdOptions);
$("#funnel-cancel").addEventListener("click", () => funnelRun?.abort());

function clearFunnelErrors() {
  for (const node of document.querySelectorAll("#funnel-form .field-error, #funnel-error")) {
    node.hidden = true;
    node.replaceChildren();
  }
  for (const node of document.querySelectorAll("#funnel-form [aria-invalid]")) node.removeAttribute("aria-invalid");
}

function funnelFieldError(selector, error) {
  const input = selector ? $(selector) : null;
  const slot = input ? $(`${selector}-error`) : $("#funnel-error");
  slot.replaceChildren(errorLine(error));
  slot.hidden = false;
  input?.setAttribute("aria-invalid", "true");
}

/** Reads the funnel form into getMessages params (dates as Date) plus the broadcast to keep. */
function funnelQuery() {
  const kind = $("#funnel-kind").value;
  const idText = $("#funnel-id").value.trim();
  if (idText === "") throw new PageInputError("invalid_params", "id", `choose a ${kind} id`);
  const id = /^\d+$/.test(idText) ? Number(idText) : idText;
  const params = {};
  for (const [param, selector] of [["start_ts", "#funnel-start"], ["end_ts", "#funnel-end"]]) {
    const value = $(selector).value;
    if (value === "") throw new PageInputError("invalid_timestamp", param, `choose the ${param === "start_ts" ? "start" : "end"} of the date range`);
    params[param] = new Date(value);
  }
  const limit = $("#funnel-limit").value.trim();
  if (limit !== "") params.limit = /^\d+$/.test(limit) ? Number(limit) : limit;
  if (kind === "campaign") params.campaign_id = id;
  if (kind === "newsletter") params.newsletter_id = id;
  if (kind === "broadcast" && typeof id !== "number") {
    throw new PageInputError("invalid_params", "id", `broadcast id must be a positive integer such as 11, got "${idText}"`);
  }
  return { kind, id, params };
}

$("#funnel-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (funnelRun || state.cio === null) return;
  clearFunnelErrors();
  let query;
  try {
    query = funnelQuery();
    state.cio.prepare("getMessages", query.params); // validate before the first page
  } catch (error) {
    if (!isCioError(error)) throw error;
    const selector = error.field === "id" ? "#funnel-id" : FUNNEL_FIELDS[error.field] ?? null;
    funnelFieldError(selector, error);
    return;
  }
  await drawFunnel(query);
});

async function drawFunnel({ kind, id, params }) {
  const controller = new AbortController();
  funnelRun = controller;
  const run = $("#funnel-run");
  run.disabled = true;
  $("#funnel-cancel").hidden = false;
  const progress = $("#funnel-progress");
  const progressText = $("#funnel-progress-text");
  progress.hidden = false;
  progress.classList.remove("done");
  const pagesBefore = state.traffic.messagePages;
  const kept = [];
  let read = 0;
  const report = (final = false) => {
    const pages = state.traffic.messagePages - pagesBefore;
    const match = kind === "broadcast" ? ` · ${formatCount(kept.length)} from broadcast ${id}` : "";
    progressText.textContent = `${final ? "Done" : "Reading"}: ${pages} page${pages === 1 ? "" : "s"} · ${formatCount(read)} messages${match}`;
  };
  report();
  try {
    for await (const message of state.cio.messages(params, { signal: controller.signal })) {
      read += 1;
      if (kind !== "broadcast" || message.broadcast_id === id) kept.push(message);
      if (read % 25 === 0) report();
    }
    report(true);
    progress.classList.add("done");
    renderFunnel(kind, id, params, kept, read);
  } catch (error) {
    progress.hidden = true;
    if (!isCioError(error)) throw error;
    funnelFieldError(FUNNEL_FIELDS[error.field] ?? null, error);
  } finally {
    funnelRun = null;
    run.disabled = state.cio === null;
    $("#funnel-cancel").hidden = true;
    if (state.mode === "sandbox") updateSandboxSummary();
  }
}

function renderFunnel(kind, id, params, messages, read) {
  const rows = funnel(messages);
  const output = $("#funnel-output");
  output.hidden = false;
  output.dataset.kind = kind;
  output.dataset.id = String(id);
  output.dataset.startTs = String(Math.floor(params.start_ts.getTime() / 1000));
  output.dataset.endTs = String(Math.floor(params.end_ts.getTime() / 1000));
  output.dataset.messages = String(messages.length);
  const range = `${params.start_ts.toLocaleDateString("en-US", { month: "short", day: "numeric" })} – ${params.end_ts.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" })}`;
  $("#funnel-caption").textContent = `${kind} ${id} · ${range}${kind === "broadcast" ? ` · ${formatCount(messages.length)} of ${formatCount(read)} messages read` : ""}`;
  $("#funnel-chart").replaceChildren(funnelChart(rows));
  const body = $("#funnel-table tbody");
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    tr.dataset.metric = row.metric;
    const cells = [row.metric, formatCount(row.count), formatRate(row.rate_of_attempted), formatRate(row.rate_of_previous)];
    cells.forEach((text, index) => {
      const cell = document.createElement(index === 0 ? "th" : "td");
      if (index === 0) cell.scope = "row";
      cell.textContent = text;
      if (index === 1) {
        cell.setAttribute("data-testid", `funnel-count-${row.metric}`);
        cell.dataset.count = String(row.count);
      }
      tr.append(cell);
    });
    return tr;
  }));
  const volume = volumeChart(messages, params.start_ts, params.end_ts);
  $("#volume-chart").replaceChildren(volume.element);
  const legend = document.createElement("p");
  legend.className = "legend";
  legend.innerHTML = '<span class="swatch swatch-total"></span> messages <span class="swatch swatch-opened"></span> opened';
  $("#volume-chart").append(legend);
  $("#volume-caption").textContent = `${formatCount(volume.total)} messages over ${volume.days.length} days`;
}

// ---------------------------------------------------------------------------------------------
// Start

connectSandbox();
initFunnelForm();
selectOperation(OPERATIONS[0].method, { focus: false });
document.documentElement.dataset.ready = "true";
