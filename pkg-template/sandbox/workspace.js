// Deterministic seeded workspace for the customerio-wasm sandbox.
//
// Everything here is generated from (seed, anchor time) with a seeded PRNG, so the same
// inputs always give the same workspace. Web-standard JavaScript only: no Node imports.
// Shapes follow the App API reference (docs/reference/customerio-app-api.md, §2).

const DAY = 86_400;
const HOUR = 3_600;

/** Message types accepted by `GET /v1/messages?type=` (reference §2.3 and its `metricType`, checked 2026-12-02). */
export const MESSAGE_TYPES = Object.freeze(["email", "webhook", "twilio", "whatsapp", "slack", "push", "in_app", "live_notification"]);

/** A newsletter's `type`, as the reference's newsletter schema lists it (checked 2026-12-02). */
export const NEWSLETTER_TYPES = Object.freeze(["email", "webhook", "twilio", "push", "in_app", "inbox"]);

/** Metrics accepted by `GET /v1/messages?metric=` (reference §2.3). */
export const MESSAGE_METRICS = Object.freeze([
  "attempted", "sent", "delivered", "opened", "clicked", "converted",
  "bounced", "spammed", "unsubscribed", "dropped", "failed", "undeliverable",
]);

/** How many sent (non-draft) messages and drafts the workspace holds. */
export const SENT_MESSAGE_COUNT = 480;
export const DRAFT_MESSAGE_COUNT = 15;

/** Seeded messages are created within this many days before the anchor time. */
export const MESSAGE_HISTORY_DAYS = 60;

/**
 * mulberry32: a tiny, fast, seeded PRNG. Returns a function giving floats in [0, 1).
 * @param {number} seed
 */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Random helpers over one PRNG, so generation order alone fixes the output. */
export function randomTools(rng) {
  const int = (min, max) => min + Math.floor(rng() * (max - min + 1));
  const chance = (probability) => rng() < probability;
  const pick = (list) => list[Math.floor(rng() * list.length)];
  const weighted = (list) => {
    const total = list.reduce((sum, item) => sum + item.weight, 0);
    let roll = rng() * total;
    for (const item of list) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return list[list.length - 1];
  };
  const chars = (alphabet, length) => Array.from({ length }, () => pick(alphabet)).join("");
  return { int, chance, pick, weighted, chars };
}

const SEGMENT_CATALOG = [
  { id: 1, name: "All customers", description: "Everyone with an email address", type: "dynamic", state: "finished", tags: null },
  { id: 3, name: "VIP customers", description: "Lifetime value above $1,000", type: "dynamic", state: "finished", tags: ["vip", "revenue"] },
  { id: 4, name: "Active in the last 30 days", description: "Opened or clicked in the last 30 days", type: "dynamic", state: "events", tags: ["engagement"] },
  { id: 5, name: "Churn risk", description: "No activity for 90 days", type: "dynamic", state: "build", tags: ["retention"] },
  { id: 7, name: "Manual Segment 1", description: "My first manual segment", type: "manual", state: "finished", tags: null },
  { id: 8, name: "Newsletter subscribers", description: "Subscribed to the weekly newsletter", type: "dynamic", state: "finished", tags: ["marketing"] },
  { id: 9, name: "Trial users", description: "Accounts in their 14-day trial", type: "dynamic", state: "build_queued", tags: null },
  { id: 12, name: "Beta testers", description: "Hand-picked early access group", type: "manual", state: "finished", tags: ["product"] },
  { id: 15, name: "New Mexico roadrunner fans", description: "state = NM and interest = roadrunners", type: "dynamic", state: "events_queued", tags: ["regional"] },
];

const TRANSACTIONAL_CATALOG = [
  { id: 2, name: "password reset", description: "sends a temporary password to the person who asked", send_to_unsubscribed: true, link_tracking: true, open_tracking: true, hide_message_body: true, queue_drafts: false },
  { id: 3, name: "welcome", description: "first message after sign-up", send_to_unsubscribed: false, link_tracking: true, open_tracking: true, hide_message_body: false, queue_drafts: false },
  { id: 4, name: "order confirmation", description: "receipt for a completed order", send_to_unsubscribed: true, link_tracking: false, open_tracking: true, hide_message_body: false, queue_drafts: false },
  { id: 5, name: "shipping update", description: "tracking link once the parcel leaves the warehouse", send_to_unsubscribed: true, link_tracking: true, open_tracking: false, hide_message_body: false, queue_drafts: true },
  { id: 6, name: "magic link", description: "one-time sign-in link", send_to_unsubscribed: true, link_tracking: false, open_tracking: false, hide_message_body: true, queue_drafts: false },
  { id: 7, name: "invoice available", description: "monthly invoice with a PDF link", send_to_unsubscribed: true, link_tracking: true, open_tracking: true, hide_message_body: false, queue_drafts: true },
];

// Campaign actions: each action has one channel (type) and one template, like a workflow step.
const CAMPAIGN_CATALOG = [
  { id: 23, name: "Onboarding", actions: [
    { id: 215, type: "email", template: 43, subject: "Did you get that thing I sent you?", weight: 6 },
    { id: 216, type: "email", template: 44, subject: "Three tips for your first week", weight: 4 },
    { id: 217, type: "push", template: 45, subject: null, weight: 2 },
  ] },
  { id: 31, name: "Abandoned cart", actions: [
    { id: 240, type: "email", template: 51, subject: "You left something behind", weight: 5 },
    { id: 241, type: "twilio", template: 52, subject: null, weight: 2 },
  ] },
  { id: 42, name: "Win-back", actions: [
    { id: 260, type: "email", template: 61, subject: "We miss you", weight: 3 },
    { id: 261, type: "whatsapp", template: 62, subject: null, weight: 1 },
  ] },
  { id: 57, name: "Order updates", actions: [
    { id: 280, type: "email", template: 71, subject: "Your order has shipped", weight: 3 },
    { id: 281, type: "push", template: 72, subject: null, weight: 2 },
    { id: 282, type: "in_app", template: 73, subject: null, weight: 1 },
    { id: 283, type: "webhook", template: 74, subject: null, weight: 1 },
    { id: 284, type: "slack", template: 75, subject: null, weight: 1 },
  ] },
];

// Broadcast metadata (listBroadcasts / getBroadcast) is fixed here and derived from the trigger
// history below, so it draws nothing from the PRNG and leaves the rest of the workspace as it was.
const BROADCAST_CATALOG = [
  { id: 11, name: "Flash sale announcement", state: "running", tags: ["sales"], created_by: "marketing@example.com", actions: [
    { id: 301, type: "email", template: 81, subject: "24 hours only: 30% off everything", weight: 1 },
  ] },
  { id: 12, name: "Roadrunner spotted", state: "running", tags: ["regional", "alerts"], created_by: "wile@acme.example", actions: [
    { id: 302, type: "email", template: 82, subject: "Roadrunner spotted in Albuquerque!", weight: 3 },
    { id: 303, type: "push", template: 83, subject: null, weight: 1 },
  ] },
  { id: 13, name: "Service status notice", state: "stopped", tags: null, created_by: "ops@example.com", actions: [
    { id: 304, type: "email", template: 84, subject: "Scheduled maintenance this weekend", weight: 1 },
  ] },
];

// Historical trigger bodies (what the API received), one list per broadcast.
const TRIGGER_HISTORY = {
  11: [
    { ids: ["cust_0001", "cust_0002", "cust_0003"], id_ignore_missing: true, data: { discount: "30%" } },
    { recipients: { segment: { id: 3 } }, data: { discount: "30%" } },
    { data: { discount: "20%" } },
  ],
  12: [
    { data_file_url: "https://files.example.com/roadrunner-sightings.jsonl", data: { city: "Albuquerque" } },
    { emails: ["road@runner.net", "wile@acme.example"], email_ignore_missing: true, data: {} },
    { per_user_data: [{ id: "wiley_coyote", data: { voucher_code: "FESwYm" } }, { email: "road@runner.net", data: { voucher_code: "cYm6XJ" } }], data: {} },
  ],
  13: [
    { recipients: { and: [{ segment: { id: 1 } }, { not: { attribute: { field: "state", operator: "eq", value: "NM" } } }] }, data: { window: "Saturday 02:00-04:00 UTC" } },
    { data_file_url: "https://files.example.com/maintenance-audience.jsonl.gz", data: {} },
  ],
};

// Which historical triggers (by broadcast and position) report per-line errors, and how many.
const TRIGGER_ERROR_LINES = { "12:0": 23, "13:1": 2 };

const FIRST_TRIGGER_ID = 101;
const FIRST_NEWSLETTER_ID = 128_250;
const NEWSLETTER_COUNT = 28;
const CUSTOMER_COUNT = 160;
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const HEX = "0123456789abcdef";

/**
 * Builds the whole workspace: segments, newsletters, messages (with drafts), transactional
 * templates, campaigns, API-triggered broadcasts and their triggers.
 * @param {{ seed: number, nowSeconds: number }} options anchor time in Unix seconds
 */
export function createWorkspace({ seed, nowSeconds }) {
  const random = randomTools(mulberry32(seed));
  const segments = buildSegments(random, nowSeconds);
  const transactional = buildTransactional(random, nowSeconds);
  const newsletters = buildNewsletters(random, nowSeconds, segments);
  const triggers = buildTriggerHistory(random, nowSeconds);
  const customers = buildCustomers(random);
  const sources = { newsletters, broadcasts: BROADCAST_CATALOG, campaigns: CAMPAIGN_CATALOG, triggers, customers };
  const sent = Array.from({ length: SENT_MESSAGE_COUNT }, () => buildSentMessage(random, nowSeconds, sources));
  const drafts = Array.from({ length: DRAFT_MESSAGE_COUNT }, () => buildDraftMessage(random, nowSeconds, sources));
  const messages = [...sent, ...drafts].sort(newestFirst);
  return {
    segments, newsletters, messages, transactional, triggers, customers,
    campaigns: CAMPAIGN_CATALOG.map(publicParent),
    broadcasts: BROADCAST_CATALOG.map((entry) => publicBroadcast(entry, triggers)),
  };
}

// A broadcast as getBroadcast answers it (reference §2.7), plus its actions' templates: created
// 30 days before its first trigger, updated at its last one; only "running" ones are active.
function publicBroadcast(entry, triggers) {
  const times = triggers.filter((trigger) => trigger.broadcast_id === entry.id).map((trigger) => trigger.created_at);
  const firstStarted = Math.min(...times);
  const created = firstStarted - 30 * DAY;
  return {
    ...publicParent(entry),
    deduplicate_id: `${entry.id}:${created}`,
    created,
    updated: Math.max(...times),
    type: "triggered_broadcast",
    active: entry.state === "running",
    state: entry.state,
    tags: entry.tags && [...entry.tags],
    first_started: firstStarted,
    created_by: entry.created_by,
  };
}

// A campaign or broadcast as tests see it: its actions without the generator's weights.
function publicParent({ id, name, actions }) {
  return { id, name, actions: actions.map(({ weight, ...action }) => action) };
}

/** Messages sort newest first; the id breaks ties so the order is total. */
export function newestFirst(a, b) {
  return b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function buildSegments(random, nowSeconds) {
  return SEGMENT_CATALOG.map((entry) => {
    const createdAt = nowSeconds - random.int(90, 700) * DAY;
    return {
      id: entry.id,
      deduplicate_id: `${entry.id}:${createdAt}`,
      name: entry.name,
      description: entry.description,
      state: entry.state,
      progress: entry.state === "build" ? random.int(5, 95) : null,
      type: entry.type,
      tags: entry.tags && [...entry.tags],
      created_at: createdAt,
      updated_at: createdAt + random.int(1, 80) * DAY,
    };
  });
}

function buildTransactional(random, nowSeconds) {
  return TRANSACTIONAL_CATALOG.map((entry) => {
    const createdAt = nowSeconds - random.int(100, 900) * DAY;
    return { ...entry, created_at: createdAt, updated_at: createdAt + random.int(0, 90) * DAY };
  });
}

// Roughly weekly newsletters over the last ~28 weeks; the newest two are unsent drafts.
function buildNewsletters(random, nowSeconds, segments) {
  const segmentIds = segments.map((segment) => segment.id);
  return Array.from({ length: NEWSLETTER_COUNT }, (_, index) => {
    const id = FIRST_NEWSLETTER_ID + index;
    const weeksAgo = NEWSLETTER_COUNT - index;
    const created = nowSeconds - weeksAgo * 7 * DAY + random.int(0, 6 * HOUR);
    const unsent = index >= NEWSLETTER_COUNT - 2 || index === 9;
    const sentAt = unsent ? null : created + random.int(HOUR, 2 * DAY);
    const contentId = 400 + index * 2;
    return {
      id,
      deduplicate_id: `${id}:${created}`,
      type: newsletterType(index),
      content_ids: index % 6 === 2 ? [contentId, contentId + 1] : [contentId],
      name: `Weekly Product Update #${index + 1}`,
      sent_at: sentAt,
      created,
      updated: sentAt ?? created + random.int(60, HOUR),
      // The reference types these as a list, a list and an integer (never null): "none" is empty.
      recipient_segment_ids: index % 7 === 3 ? [] : [random.pick(segmentIds), 8].filter(uniqueValue),
      tags: index % 4 === 1 ? [] : ["Product Updates"],
      subscription_topic_id: index % 5 === 0 ? 1 : 5,
    };
  });
}

function newsletterType(index) {
  if (index === 14) return "inbox";
  if (index % 9 === 4) return "push";
  if (index % 13 === 6) return "in_app";
  return "email";
}

function uniqueValue(value, index, list) {
  return list.indexOf(value) === index;
}

// Past triggers, numbered in creation order across all broadcasts, all processed.
function buildTriggerHistory(random, nowSeconds) {
  const history = [];
  for (const [broadcastId, bodies] of Object.entries(TRIGGER_HISTORY)) {
    bodies.forEach((body, position) => {
      const createdAt = nowSeconds - random.int(2 * DAY, 57 * DAY);
      history.push({
        broadcast_id: Number(broadcastId),
        created_at: createdAt,
        processed_at: createdAt + random.int(2, 90),
        request: cloneJson(body),
        errors: triggerErrorLines(random, TRIGGER_ERROR_LINES[`${broadcastId}:${position}`] ?? 0),
      });
    });
  }
  history.sort((a, b) => a.created_at - b.created_at);
  return history.map((trigger, index) => ({ id: FIRST_TRIGGER_ID + index, ...trigger }));
}

function cloneJson(value) {
  return JSON.parse(JSON.stringify(value));
}

function triggerErrorLines(random, count) {
  const reasons = [
    (n) => `customer with id "wiley_${n}" does not exist`,
    (n) => `email "coyote${n}@acme.example" is associated with more than one profile`,
    () => "invalid JSON: unexpected end of input",
    () => "data must be an object",
  ];
  let line = 0;
  return Array.from({ length: count }, () => {
    line += random.int(1, 9);
    return `line ${line}: ${random.pick(reasons)(line)}`;
  });
}

function buildCustomers(random) {
  return Array.from({ length: CUSTOMER_COUNT }, (_, index) => {
    const number = String(index + 1).padStart(4, "0");
    return {
      id: index % 10 === 9 ? null : `cust_${number}`,
      email: `person${number}@example.com`,
      cio_id: `a3${random.chars(HEX, 8)}`,
      phone: `+1505555${number}`,
      device: random.chars(HEX, 32),
    };
  });
}

// A delivered message from one parent: a campaign action, a sent newsletter or a past trigger.
function buildSentMessage(random, nowSeconds, sources) {
  const origin = pickOrigin(random, nowSeconds, sources);
  const customer = random.pick(sources.customers);
  const message = baseMessage(random, origin, customer);
  const funnel = buildFunnel(random, origin.type, origin.created, nowSeconds);
  message.metrics = { created: origin.created, ...funnel.metrics, ...engagementCounts(origin.type, funnel.metrics) };
  message.failure_message = funnel.failureMessage;
  return message;
}

function buildDraftMessage(random, nowSeconds, sources) {
  const campaign = random.pick(sources.campaigns);
  const action = random.pick(campaign.actions);
  const created = nowSeconds - random.int(HOUR, 50 * DAY);
  const origin = { ...campaignOrigin(campaign, action), created };
  const message = baseMessage(random, origin, random.pick(sources.customers));
  message.metrics = { created, drafted: created + random.int(1, 60) };
  return message;
}

// The counts the reference lists beside the timestamps: human_opened / human_clicked once opened
// or clicked, and prefetch_opened on some emails (a mail client fetching images). Derived from
// the timestamps, not drawn from the PRNG, so the rest of the workspace is unchanged by them.
export function engagementCounts(type, metrics) {
  const counts = {};
  if (metrics.opened !== undefined) counts.human_opened = 1 + (metrics.opened % 3);
  if (metrics.clicked !== undefined) counts.human_clicked = 1 + (metrics.clicked % 2);
  if (type === "email" && metrics.opened !== undefined && metrics.opened % 4 === 0) counts.prefetch_opened = 1;
  return counts;
}

function pickOrigin(random, nowSeconds, sources) {
  const kind = random.weighted([
    { kind: "campaign", weight: 55 },
    { kind: "newsletter", weight: 25 },
    { kind: "broadcast", weight: 20 },
  ]).kind;
  if (kind === "newsletter") return newsletterOrigin(random, nowSeconds, sources.newsletters);
  if (kind === "broadcast") return broadcastOrigin(random, sources.broadcasts, sources.triggers);
  const campaign = random.pick(sources.campaigns);
  const action = random.weighted(campaign.actions);
  const created = nowSeconds - random.int(60, MESSAGE_HISTORY_DAYS * DAY - HOUR);
  return { ...campaignOrigin(campaign, action), created };
}

function campaignOrigin(campaign, action) {
  return {
    type: action.type, template: action.template, subject: action.subject,
    action_id: action.id, campaign_id: campaign.id, newsletter_id: null, broadcast_id: null, content_id: null,
  };
}

function newsletterOrigin(random, nowSeconds, newsletters) {
  const recent = newsletters.filter((newsletter) =>
    newsletter.sent_at !== null && MESSAGE_TYPES.includes(newsletter.type) && newsletter.sent_at >= nowSeconds - 57 * DAY);
  const newsletter = random.pick(recent);
  const contentId = random.pick(newsletter.content_ids);
  return {
    type: newsletter.type, template: contentId, subject: newsletter.name ?? "What's new this week",
    action_id: null, campaign_id: null, newsletter_id: newsletter.id, broadcast_id: null, content_id: contentId,
    created: newsletter.sent_at + random.int(0, 30 * 60),
  };
}

function broadcastOrigin(random, broadcasts, triggers) {
  const trigger = random.pick(triggers);
  const broadcast = broadcasts.find((candidate) => candidate.id === trigger.broadcast_id);
  const action = random.weighted(broadcast.actions);
  return {
    type: action.type, template: action.template, subject: action.subject,
    action_id: action.id, campaign_id: null, newsletter_id: null, broadcast_id: broadcast.id, content_id: null,
    created: trigger.processed_at + random.int(1, 10 * 60),
  };
}

// Field order and names follow the reference's listMessages example exactly.
export function baseMessage(random, origin, customer) {
  const id = `ag1q${random.chars(BASE64URL, 31)}=`;
  return {
    id,
    deduplicate_id: `${id}:${origin.created}`,
    msg_template_id: origin.template,
    action_id: origin.action_id,
    parent_action_id: null,
    customer_id: customer.id,
    customer_identifiers: { id: customer.id, email: customer.email, cio_id: customer.cio_id },
    recipient: recipientFor(origin.type, customer),
    subject: origin.type === "email" ? origin.subject : null,
    metrics: {},
    created: origin.created,
    failure_message: null,
    newsletter_id: origin.newsletter_id,
    content_id: origin.content_id,
    campaign_id: origin.campaign_id,
    broadcast_id: origin.broadcast_id,
    trigger_event_id: null,
    type: origin.type,
    forgotten: false,
  };
}

function recipientFor(type, customer) {
  switch (type) {
    case "email": return customer.email;
    case "push": return customer.device;
    case "twilio":
    case "whatsapp": return customer.phone;
    case "slack": return "#customer-alerts";
    case "webhook": return "https://hooks.example.com/customerio";
    default: return customer.id ?? customer.cio_id;
  }
}

const OPENABLE_TYPES = new Set(["email", "push", "in_app", "whatsapp"]);

const FAILURE_MESSAGES = {
  failed: "Liquid error: undefined variable 'customer.first_name'",
  dropped: "Recipient is suppressed",
  bounced: "550 5.1.1 The email account that you tried to reach does not exist",
  undeliverable: "The device token is no longer valid",
};

// The delivery funnel: attempted → sent (96%) → delivered (93%) → opened (40%) → clicked (25%)
// → converted (10%), with failures along the way. Timestamps increase along the funnel, and a
// step that would land after the anchor time has not happened yet, so it and its successors
// are left out.
export function buildFunnel(random, type, created, nowSeconds) {
  const metrics = {};
  let failureMessage = null;
  const record = (metric, at) => {
    if (at > nowSeconds) return false;
    metrics[metric] = at;
    return true;
  };
  const attempted = created + random.int(1, 20);
  record("attempted", attempted);
  if (!random.chance(0.96)) {
    const metric = random.chance(0.6) ? "failed" : "dropped";
    if (record(metric, attempted + random.int(1, 30))) failureMessage = FAILURE_MESSAGES[metric];
    return { metrics, failureMessage };
  }
  const sent = attempted + random.int(1, 30);
  if (!record("sent", sent)) return { metrics, failureMessage };
  if (!random.chance(0.93)) {
    const metric = type === "email" ? "bounced" : "undeliverable";
    if (record(metric, sent + random.int(1, 600))) failureMessage = FAILURE_MESSAGES[metric];
    return { metrics, failureMessage };
  }
  const delivered = sent + random.int(1, 120);
  if (!record("delivered", delivered) || !OPENABLE_TYPES.has(type)) return { metrics, failureMessage };
  if (type === "email" && random.chance(0.01)) record("spammed", delivered + random.int(60, DAY));
  if (!random.chance(0.40)) return { metrics, failureMessage };
  const opened = delivered + random.int(60, 2 * DAY);
  if (!record("opened", opened)) return { metrics, failureMessage };
  if (type === "email" && random.chance(0.03)) record("unsubscribed", opened + random.int(5, 600));
  if (!random.chance(0.25)) return { metrics, failureMessage };
  const clicked = opened + random.int(5, HOUR);
  if (!record("clicked", clicked) || !random.chance(0.10)) return { metrics, failureMessage };
  record("converted", clicked + random.int(60, DAY));
  return { metrics, failureMessage };
}
