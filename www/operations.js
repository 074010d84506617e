// The operation forms: one declarative spec per client method, rendered into accessible form
// controls, and read back into the params object the client takes (the seed's snake_case names).
//
// Input ids are stable and used by the tests: `${method}-${param}` (e.g. "triggerBroadcast-emails"),
// the audience switches `${method}-${param}-on`, and each field's inline error `${id}-error`.

import { operations as TABLE, rules } from "customerio-wasm/table";

/** The audiences of triggerBroadcast (exactly one may be sent), from the package's rules. */
export const AUDIENCE_PARAMS = Object.freeze(Object.keys(rules.audiences));

/**
 * Field kinds, each derived from the parameter's kind in the package's table (controlOf below):
 *  id        a positive integer id; digits become a number, anything else is passed as typed so
 *            the client's own validation answers (e.g. invalid_params at broadcast_id)
 *  int       a whole number (limit)
 *  triggerId a number, or a string of digits and dashes ("5-37")
 *  text      a string (cursors)
 *  select    one of `options`; "" leaves the param out
 *  boolean   a select of (omit) / true / false
 *  datetime  <input type=datetime-local>, sent as a JS Date
 *  json      a JSON text, parsed (a syntax error is shown at the field)
 *  list      one entry per line (or comma separated), sent as an array of strings
 *  url       a string
 *  flag      a checkbox: checked sends `true`, unchecked leaves the param out
 *  optIn     the default_audience checkbox: checked sends `true`
 */
const DECLARED = [
  {
    method: "triggerBroadcast",
    label: "Trigger broadcast",
    description: "Sends an API-triggered broadcast to exactly one audience. The client refuses two audiences (audience_conflict) or none (missing_audience): a forgotten audience never sends to everyone.",
    groups: [
      {
        fields: [
          { param: "broadcast_id", list: "broadcasts", value: "11", placeholder: "11" },
        ],
      },
      {
        legend: "Audience",
        id: "audience",
        note: "Tick the audience to send. The client allows exactly one: tick two to see its audience_conflict check, none for missing_audience.",
        fields: [
          { param: "ids", on: true, value: "cust_0001\ncust_0002\ncust_0003", rows: 3, placeholder: "cust_0001\ncust_0002", hint: "Customer ids, one per line." },
          { param: "emails", rows: 3, placeholder: "road@runner.net\nwile@acme.example", hint: "Email addresses, one per line." },
          { param: "recipients", rows: 5, placeholder: '{ "and": [ { "segment": { "id": 3 } }, { "not": { "attribute": { "field": "state", "operator": "eq", "value": "NM" } } } ] }', hint: "A filter: and / or / not, segment { id }, attribute { field, operator eq | exists, value }." },
          { param: "per_user_data", rows: 4, placeholder: '[ { "id": "wiley_coyote", "data": { "voucher_code": "FESwYm" } } ]', hint: "An array of { id | email, data }." },
          { param: "data_file_url", placeholder: "https://files.example.com/audience.jsonl", hint: "An http(s) URL of a JSON Lines file." },
          { param: "default_audience", label: "default_audience: true", hint: "The audience configured on the broadcast in Customer.io. Never sent on the wire: it is the explicit opt-in." },
        ],
      },
      {
        legend: "Flags",
        id: "flags",
        note: `A ticked flag is refused with an audience that does not take it (from the package's rules): ${Object.entries(rules.audiences).map(([audience, { flags }]) => `${audience} → ${flags.join(", ")}`).join("; ")}.`,
        inline: true,
        fields: [
          { param: "id_ignore_missing" },
          { param: "email_ignore_missing" },
          { param: "email_add_duplicates" },
        ],
      },
      {
        fields: [
          { param: "data", rows: 4, value: '{ "discount": "30%" }', placeholder: '{ "discount": "30%" }', hint: "Liquid data, {{trigger.<key>}}: a JSON object of at most 50 000 bytes." },
        ],
      },
    ],
    presets: [
      { label: "Customer ids", values: { ids: "cust_0001\ncust_0002\ncust_0003", data: '{ "discount": "30%" }' }, flags: { id_ignore_missing: true } },
      { label: "Segment filter", values: { recipients: '{ "and": [ { "segment": { "id": 1 } }, { "not": { "attribute": { "field": "state", "operator": "eq", "value": "NM" } } } ] }', data: '{ "window": "Saturday 02:00-04:00 UTC" }' } },
      { label: "Per-user data", values: { per_user_data: '[\n  { "id": "wiley_coyote", "data": { "voucher_code": "FESwYm" } },\n  { "email": "road@runner.net", "data": { "voucher_code": "cYm6XJ" } }\n]', data: "{}" } },
      { label: "Default audience", values: { data: '{ "discount": "20%" }' }, optIn: true },
      { label: "Pitfall: two audiences", values: { ids: "cust_0001", emails: "road@runner.net", data: "" } },
    ],
  },
  {
    method: "getMessages",
    label: "Messages",
    description: "One page of deliveries with their metrics. Dates are sent as Unix seconds; an empty field is left off the wire.",
    groups: [
      {
        columns: true,
        fields: [
          { param: "type" },
          { param: "metric" },
          { param: "campaign_id", list: "campaigns" },
          { param: "newsletter_id", list: "newsletters" },
          { param: "action_id", list: "actions" },
          { param: "drafts" },
          { param: "get_tracked_responses", hint: "Adds each message's tracked_responses (in-app surveys)." },
          { param: "start_ts", hint: "Local time, sent as Unix seconds." },
          { param: "end_ts" },
          { param: "limit", value: "10" },
          { param: "start", placeholder: "the next of the previous page", hint: "Paging cursor." },
        ],
      },
    ],
  },
  {
    method: "getSegments",
    label: "Segments",
    description: "Every segment of the workspace. No parameters.",
    groups: [],
  },
  {
    method: "getSegmentDetails",
    label: "Segment",
    description: "One segment by id.",
    groups: [{ fields: [{ param: "segment_id", list: "segments", value: "3" }] }],
  },
  {
    method: "listNewsletters",
    label: "Newsletters",
    description: "One page of newsletters.",
    groups: [
      {
        columns: true,
        fields: [
          { param: "limit", value: "10" },
          { param: "sort" },
          { param: "start", placeholder: "the next of the previous page", hint: "Paging cursor." },
        ],
      },
    ],
  },
  {
    method: "listTransactionalMessages",
    label: "Transactional",
    description: "Every transactional message template. No parameters.",
    groups: [],
  },
  {
    method: "getTriggers",
    label: "Triggers",
    description: "Every trigger of a broadcast (check here after an unknown_outcome before sending again).",
    groups: [{ fields: [{ param: "broadcast_id", list: "broadcasts", value: "11" }] }],
  },
  {
    method: "getTrigger",
    label: "Trigger",
    description: "One trigger of a broadcast.",
    groups: [
      {
        columns: true,
        fields: [
          { param: "broadcast_id", list: "broadcasts", value: "11" },
          { param: "trigger_id", list: "triggers", value: "101", hint: "A number, or digits and dashes such as 5-37." },
        ],
      },
    ],
  },
  {
    method: "listBroadcasts",
    label: "Broadcasts",
    description: "Every API-triggered broadcast with its name, state and actions. No parameters.",
    groups: [],
  },
  {
    method: "getBroadcast",
    label: "Broadcast",
    description: "One API-triggered broadcast: name, state, actions, when it first started.",
    groups: [{ fields: [{ param: "broadcast_id", list: "broadcasts", value: "11" }] }],
  },
  {
    method: "getBroadcastMetrics",
    label: "Broadcast metrics",
    description: "A broadcast's metrics per period, oldest first. steps is bounded by the period (24 hours, 45 days, 12 weeks, 121 months): the client refuses more at steps.",
    groups: [
      {
        columns: true,
        fields: [
          { param: "broadcast_id", list: "broadcasts", value: "11" },
          { param: "period", hint: "(any) is days." },
          { param: "steps", value: "7", placeholder: "0 = the maximum", hint: "Up to 24 hours, 45 days, 12 weeks or 121 months." },
          { param: "type" },
        ],
      },
    ],
  },
  ...readOperations(),
  {
    method: "sendEmail",
    label: "Send email",
    description: "One transactional email to one person: a template (transactional_message_id, an id or its Trigger Name) or your own body, subject and from. Never sent twice: a 5xx or a lost answer is unknown_outcome, not a retry.",
    groups: [
      {
        columns: true,
        fields: [
          { param: "to", value: "road@runner.net", placeholder: "\"Road Runner\" <road@runner.net>", hint: "Comma-separated; at most 15 across to, cc and bcc." },
          { param: "identifiers", rows: 1, value: '{ "email": "road@runner.net" }', hint: "Exactly one of id, email, cio_id." },
          { param: "transactional_message_id", list: "transactional", value: "4", hint: "A template id, or its Trigger Name." },
          { param: "send_at", hint: "Leave empty to send now; at most 90 days ahead." },
          { param: "from", placeholder: "shop@acme.example", hint: "Required without a template." },
          { param: "subject", placeholder: "Your receipt", hint: "Required without a template." },
          { param: "cc" },
          { param: "bcc" },
        ],
      },
      {
        fields: [
          { param: "body", placeholder: "<p>Thanks for your order</p>", hint: "HTML; required without a template." },
          { param: "message_data", rows: 3, value: '{ "order": "cs_test_a1", "total": "20.00" }', hint: "Liquid data, {{trigger.<key>}}." },
          { param: "headers", rows: 1, placeholder: '{ "X-Order": "1001" }', hint: "An object: the client sends the JSON string the API wants." },
          { param: "attachments", rows: 2, placeholder: '{ "receipt.txt": "dG90YWwgMjAuMDA=" }', hint: "{ filename: base64 }, less than 2 MB decoded." },
        ],
      },
    ],
    presets: [
      { label: "Template", values: { to: "road@runner.net", identifiers: '{ "email": "road@runner.net" }', transactional_message_id: "4", message_data: '{ "order": "cs_test_a1", "total": "20.00" }' } },
      { label: "Own content", values: { to: "road@runner.net", identifiers: '{ "id": "cust_0001" }', transactional_message_id: "", from: "shop@acme.example", subject: "Your receipt", body: "<p>Thanks for your order</p>", message_data: "" } },
      { label: "Pitfall: two identifiers", values: { identifiers: '{ "id": "cust_0001", "email": "road@runner.net" }' } },
      { label: "Pitfall: no template, no body", values: { transactional_message_id: "", body: "", subject: "", from: "" } },
    ],
  },
  {
    method: "sendPush",
    label: "Send push",
    description: "One transactional push from a template to a person's devices. Never sent twice.",
    groups: [
      {
        columns: true,
        fields: [
          { param: "identifiers", rows: 1, value: '{ "id": "cust_0001" }', hint: "Exactly one of id, email, cio_id." },
          { param: "transactional_message_id", list: "transactional", value: "5" },
          { param: "to", placeholder: "all", hint: "all, last_used, or a device token." },
          { param: "title" },
          { param: "message" },
          { param: "send_at" },
        ],
      },
      { fields: [{ param: "message_data", rows: 2, placeholder: '{ "tracking": "1Z999" }' }] },
    ],
  },
  {
    method: "sendSMS",
    label: "Send SMS",
    description: "One transactional SMS from a template to a phone number. Never sent twice.",
    groups: [
      {
        columns: true,
        fields: [
          { param: "identifiers", rows: 1, value: '{ "id": "cust_0001" }', hint: "Exactly one of id, email, cio_id." },
          { param: "transactional_message_id", list: "transactional", value: "6" },
          { param: "to", value: "+15551234567", hint: "E.164." },
          { param: "send_at" },
        ],
      },
      { fields: [{ param: "message_data", rows: 2, placeholder: '{ "code": "481 516" }' }] },
    ],
  },
];

/**
 * What the table knows, added to each declared form (so it is never written here): the endpoint
 * (method and path template), each field's control (kind, an enum's options), which fields are
 * required, whether a field is an audience, and a limit's range as its placeholder. A declared field the table does not have is an error at load.
 */
function fromTable(op) {
  const row = TABLE.find((entry) => entry.name === op.method);
  if (!row) throw new Error(`the package's table has no operation ${op.method}`);
  const groups = op.groups.map((group) => ({
    ...group,
    fields: group.fields.map((field) => {
      const param = row.params.find((p) => p.name === field.param);
      if (!param) throw new Error(`the package's table has no parameter ${op.method}.${field.param}`);
      const range = param.kind.type === "limit" ? { placeholder: `${param.kind.min}–${param.kind.max}` } : {};
      const audience = AUDIENCE_PARAMS.includes(param.name) && op.method === "triggerBroadcast";
      return { label: field.param, ...controlOf(op.method, param), ...range, ...field, required: param.required, audience };
    }),
  }));
  return { ...op, endpoint: `${row.method} ${row.path}`, groups };
}

/** Every flag some audience takes (from the package's rules): a checkbox on the trigger form. */
const AUDIENCE_FLAGS = new Set(Object.values(rules.audiences).flatMap(({ flags }) => flags));

/** The form control of a parameter, from its kind in the table (see "Field kinds" above). */
function controlOf(method, param) {
  switch (param.kind.type) {
    case "id": case "template_id": return { kind: "id" };
    case "trigger_id": return { kind: "triggerId" };
    case "limit": return { kind: "int" };
    case "timestamp": return { kind: "datetime" };
    case "enum": return { kind: "select", options: param.kind.values };
    case "true": return { kind: "optIn" };
    case "bool": return { kind: method === "triggerBroadcast" && AUDIENCE_FLAGS.has(param.name) ? "flag" : "boolean" };
    case "string_list": return { kind: "list" };
    case "url": return { kind: "url" };
    case "cursor": case "text": case "message_id": return { kind: "text" };
    // filter, per_user_data, object, identifiers, email_headers, attachments: JSON typed in a box.
    default: return { kind: "json" };
  }
}

export const OPERATIONS = DECLARED.map(fromTable);

// The reads around a broadcast (sizes, per-message and per-link metrics, deliveries, one
// newsletter, template or delivery): their forms are built from a few shapes of field below.
function readOperations() {
  const id = (param, list, value) => ({ param, label: param, list, value });
  const BROADCAST = id("broadcast_id", "broadcasts", "12");
  const ACTION = id("action_id", "actions", "302");
  const NEWSLETTER = id("newsletter_id", "newsletters", "128270");
  const TRANSACTIONAL = id("transactional_id", "transactional", "2");
  const SEGMENT = id("segment_id", "segments", "3");
  const window = [
    { param: "period", hint: "(any) is days." },
    { param: "steps", value: "7", placeholder: "0 = the maximum", hint: "Up to 24 hours, 45 days, 12 weeks or 121 months." },
  ];
  const channel = { param: "type" };
  const unique = { param: "unique", hint: "true counts each person once per link." };
  const deliveries = (method) => [
    { param: "metric" },
    ...(TABLE.find((op) => op.name === method).params.some((p) => p.name === "state")
      ? [{ param: "state" }] : []),
    { param: "start_ts", hint: "Local time, sent as Unix seconds." },
    { param: "end_ts" },
    { param: "limit", value: "10" },
    { param: "start", placeholder: "the next of the previous page", hint: "Paging cursor." },
  ];
  const op = (method, label, description, fields) => {
    const row = TABLE.find((entry) => entry.name === method);
    return { method, label, description, groups: [{ columns: fields.length > 2, fields }] };
  };
  return [
    op("getSegmentCount", "Segment size", "How many people a segment holds now: the audience size of a broadcast to it.", [SEGMENT]),
    op("getSegmentMembership", "Segment members", "One page of a segment's members (identifiers and ids), 1 to 30 000 per page.", [
      SEGMENT, { param: "limit", value: "10" },
      { param: "start", placeholder: "the next of the previous page", hint: "Paging cursor." },
    ]),
    op("getSegmentDependencies", "Segment used by", "The campaigns and newsletters that use a segment.", [SEGMENT]),
    op("listBroadcastActions", "Broadcast actions", "The actions (messages, webhooks) of a broadcast, with their content.", [BROADCAST]),
    op("getBroadcastAction", "Broadcast action", "One action of a broadcast.", [BROADCAST, ACTION]),
    op("getBroadcastActionMetrics", "Action metrics", "One message's metrics per period; a broadcast's actions add up to its metrics.", [BROADCAST, ACTION, ...window, channel]),
    op("getBroadcastActionLinkMetrics", "Action links", "Clicks per link of one message, per period.", [BROADCAST, ACTION, ...window, channel]),
    op("getBroadcastLinkMetrics", "Broadcast links", "Clicks per link of a whole broadcast, per period.", [BROADCAST, ...window, unique]),
    op("getBroadcastMessages", "Broadcast deliveries", "One page of a broadcast's deliveries; without a window, the month after its first trigger.", [BROADCAST, ...deliveries("getBroadcastMessages"), { param: "type" }]),
    op("getNewsletter", "Newsletter", "One newsletter by id.", [NEWSLETTER]),
    op("getNewsletterMetrics", "Newsletter metrics", "A newsletter's metrics per period (its own channels: no slack or whatsapp, inbox instead).", [NEWSLETTER, ...window, channel]),
    op("getNewsletterLinkMetrics", "Newsletter links", "Clicks per link of a newsletter.", [NEWSLETTER, ...window, unique]),
    op("getNewsletterMessages", "Newsletter deliveries", "One page of a newsletter's deliveries.", [NEWSLETTER, ...deliveries("getNewsletterMessages")]),
    op("getMessage", "Delivery", "One delivery by its string id (the id of a getMessages entry).", [
      { param: "message_id", placeholder: "ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek=", hint: "A string id, not a number." },
    ]),
    op("getTransactionalMessage", "Transactional template", "One transactional message template.", [TRANSACTIONAL]),
    op("getTransactionalMetrics", "Transactional metrics", "A transactional message's metrics per period.", [TRANSACTIONAL, ...window]),
    op("getTransactionalDeliveries", "Transactional deliveries", "One page of a transactional message's deliveries.", [TRANSACTIONAL, ...deliveries("getTransactionalDeliveries")]),
  ];
}

/** An error found by the page itself before the client sees the params (e.g. a JSON syntax error). */
export class PageInputError extends Error {
  constructor(code, field, message) {
    super(message);
    this.name = "PageInputError";
    this.code = code;
    this.field = field;
  }
}

const idOf = (method, param) => `${method}-${param}`;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const present = (...nodes) => nodes.filter(Boolean);

/** The tab button and the panel (with its form) of one operation. */
export function renderOperation(op) {
  const tab = el("button", {
    type: "button", role: "tab", id: `tab-${op.method}`, "aria-controls": `panel-${op.method}`,
    "aria-selected": "false", tabindex: "-1", class: "tab", "data-method": op.method, text: op.label,
  });
  const form = el("form", { id: `form-${op.method}`, class: "op-form", "data-method": op.method, novalidate: true, autocomplete: "off" });
  form.append(
    el("p", { class: "endpoint" }, el("code", { text: op.method }), document.createTextNode(" → "), el("code", { class: "muted", text: op.endpoint })),
    el("p", { class: "description", text: op.description }),
  );
  if (op.presets) {
    const presets = el("div", { class: "presets", role: "group", "aria-label": "Examples" }, el("span", { class: "muted small", text: "Examples:" }));
    op.presets.forEach((preset, index) => {
      presets.append(el("button", { type: "button", class: "chip", "data-preset": String(index), id: `${op.method}-preset-${index}`, text: preset.label }));
    });
    form.append(presets);
  }
  form.append(el("p", { class: "field-error form-error", id: `${op.method}-form-error`, role: "alert", hidden: true }));
  if (op.groups.length === 0) form.append(el("p", { class: "muted no-params", text: "This operation takes no parameters: the preview shows the request as it is sent." }));
  for (const group of op.groups) form.append(renderGroup(op, group));
  const panel = el("div", { role: "tabpanel", id: `panel-${op.method}`, "aria-labelledby": `tab-${op.method}`, class: "tab-panel", hidden: true }, form);
  return { tab, panel, form };
}

function renderGroup(op, group) {
  const fields = group.fields.map((field) => renderField(op, field));
  const body = el("div", { class: group.columns ? "grid" : group.inline ? "inline-fields" : "stack" }, ...fields);
  if (!group.legend) return body;
  const errorId = `${op.method}-${group.id}-error`;
  return el("fieldset", { class: `group group-${group.id}`, id: `${op.method}-${group.id}`, "aria-describedby": errorId },
    el("legend", { text: group.legend }),
    group.note ? el("p", { class: "hint", text: group.note }) : null,
    el("p", { class: "field-error", id: errorId, role: "alert", hidden: true }),
    body);
}

function renderField(op, field) {
  const id = idOf(op.method, field.param);
  const describedBy = [field.hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  const wrapper = el("div", { class: `field field-${field.kind}${field.audience ? " audience" : ""}`, "data-field": field.param });
  const hint = field.hint ? el("p", { class: "hint", id: `${id}-hint`, text: field.hint }) : null;
  const error = el("p", { class: "field-error", id: `${id}-error`, hidden: true });

  if (field.kind === "flag" || field.kind === "optIn") {
    const box = el("input", { type: "checkbox", id, "data-param": field.param, "data-kind": field.kind, "aria-describedby": describedBy });
    if (field.audience) {
      box.dataset.audience = "true";
      wrapper.classList.add("off");
    }
    wrapper.append(...present(el("label", { class: "choice", for: id }, box, el("code", { text: field.label })), hint, error));
    return wrapper;
  }

  let control;
  const common = { id, name: field.param, "data-param": field.param, "data-kind": field.kind, "aria-describedby": describedBy, spellcheck: "false" };
  switch (field.kind) {
    case "select":
      control = el("select", common, el("option", { value: "", text: "(any)" }), ...field.options.map((option) => el("option", { value: option, text: option })));
      break;
    case "boolean":
      control = el("select", common, el("option", { value: "", text: "(omit)" }), el("option", { value: "true", text: "true" }), el("option", { value: "false", text: "false" }));
      break;
    case "datetime":
      control = el("input", { ...common, type: "datetime-local" });
      break;
    case "json":
    case "list":
      control = el("textarea", { ...common, rows: String(field.rows ?? 3), placeholder: field.placeholder });
      break;
    case "url":
      control = el("input", { ...common, type: "url", placeholder: field.placeholder });
      break;
    default:
      control = el("input", {
        ...common, type: "text", placeholder: field.placeholder,
        inputmode: field.kind === "text" ? undefined : "numeric",
        list: field.list ? `list-${field.list}` : undefined,
        "aria-required": field.required ? "true" : undefined,
      });
  }
  if (field.value !== undefined) {
    if (control.tagName === "TEXTAREA") control.textContent = field.value;
    else control.setAttribute("value", field.value);
  }

  if (field.audience) {
    control.dataset.audience = "true";
    const toggle = el("input", { type: "checkbox", id: `${id}-on`, "data-audience-toggle": field.param, "aria-describedby": field.hint ? `${id}-hint` : undefined });
    control.setAttribute("aria-label", field.param);
    toggle.checked = Boolean(field.on);
    wrapper.classList.toggle("off", !toggle.checked);
    wrapper.append(
      el("div", { class: "audience-head" }, toggle, el("label", { for: `${id}-on` }, el("code", { text: field.label }))),
      ...present(control, hint, error));
  } else {
    wrapper.append(...present(el("label", { for: id }, el("code", { text: field.label }), field.required ? el("span", { class: "required", "aria-hidden": "true", text: " *" }) : null), control, hint, error));
  }
  return wrapper;
}

/** Applies an example to the trigger form: every audience off, then the preset's values. */
export function applyPreset(op, form, preset) {
  for (const field of op.groups.flatMap((group) => group.fields)) {
    const control = form.querySelector(`#${idOf(op.method, field.param)}`);
    if (field.kind === "flag") control.checked = Boolean(preset.flags?.[field.param]);
    else if (field.kind === "optIn") {
      control.checked = Boolean(preset.optIn);
      control.closest(".field").classList.toggle("off", !control.checked);
    }
    else if (field.audience) control.value = preset.values[field.param] ?? "";
    else if (field.param in preset.values) control.value = preset.values[field.param];
    if (field.audience && field.kind !== "optIn") setAudienceOn(form, field.param, control.value.trim() !== "");
  }
}

/** Turns an audience switch on or off (and dims its field when off). */
export function setAudienceOn(form, param, on) {
  const toggle = form.querySelector(`[data-audience-toggle="${param}"]`);
  if (!toggle) return;
  toggle.checked = on;
  toggle.closest(".field").classList.toggle("off", !on);
}

/**
 * Reads the form into the params object of `op.method`. Empty fields are left out; audiences
 * are sent only when their switch is on. Throws PageInputError for text the page cannot turn
 * into a value (JSON syntax); everything else is left to the client's validation.
 */
export function readParams(op, form) {
  const params = {};
  for (const field of op.groups.flatMap((group) => group.fields)) {
    const control = form.querySelector(`#${idOf(op.method, field.param)}`);
    if (field.kind === "flag" || field.kind === "optIn") {
      if (control.checked) params[field.param] = true;
      continue;
    }
    if (field.audience && !form.querySelector(`[data-audience-toggle="${field.param}"]`).checked) continue;
    const value = readValue(field, control.value);
    if (value !== undefined) params[field.param] = value;
  }
  return params;
}

function readValue(field, raw) {
  const text = raw.trim();
  if (text === "" && !(field.audience && field.kind === "list")) return undefined;
  switch (field.kind) {
    case "id":
      return /^\d{1,15}$/.test(text) ? Number(text) : text;
    case "int":
      return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case "triggerId":
      return /^\d{1,15}$/.test(text) ? Number(text) : text;
    case "boolean":
      return text === "true";
    case "datetime": {
      const date = new Date(text);
      if (Number.isNaN(date.getTime())) throw new PageInputError("invalid_date", field.param, `${field.param}: "${text}" is not a date`);
      return date;
    }
    case "list":
      return text === "" ? [] : text.split(/[\n,]/).map((entry) => entry.trim()).filter((entry) => entry !== "");
    case "json":
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new PageInputError("invalid_json", field.param, `${field.param} is not valid JSON (${error.message})`);
      }
    default:
      return text;
  }
}

/** The control of a parameter path such as "recipients.and[1].segment.id" (→ the recipients box). */
export function controlFor(op, form, fieldPath) {
  if (!fieldPath) return null;
  const root = fieldPath.split(/[.[]/)[0];
  return form.querySelector(`[data-param="${CSS.escape(root)}"]`);
}
