// The sandbox's reads around a broadcast: a segment's size, members and dependents; a broadcast's
// actions, per-action and per-link metrics and deliveries; one newsletter with its metrics, link
// clicks and deliveries; one transactional message with its metrics and deliveries; one delivery.
//
// Written from the live reference pages (docs.customer.io/integrations/api/app/tag/...), like the
// rest of the sandbox, and seeded so the numbers agree with each other:
// - a segment's `count` is the length of its membership (members are chosen from the workspace's
//   customers by a hash of segment id and email, so the sets are stable and overlap);
// - an action's metrics are counted from that action's deliveries, so a broadcast's per-action
//   metrics add up to its metrics, step by step;
// - every delivery with a `clicked` time clicked one link of its action (chosen by a hash of its
//   id), so an action's link clicks (its page has no `unique`: each delivery counts once) add up
//   to its `clicked` metric; a broadcast's or newsletter's link clicks do too with `unique=true`,
//   and count every click (`human_clicked`) with `unique=false`, the default;
// - a transactional message's deliveries are drawn with their own PRNG, so the rest of the
//   workspace (and every test that reads it) is unchanged by them; they are found by getMessage
//   and their template's lists, not by `GET /v1/messages`.
// Choices where the pages are silent: membership pages hold 1000 members by default; a delivery's
// state is `drafted`, `failed` (failed, dropped, bounced or undeliverable), `sent` (sent or later)
// or `attempted`; the link and "metrics in total" bodies are `{ links: [{ link: { id, href },
// metric: { series: { clicked } } }] }` and `{ metric: { series } }`.
// Web-standard JavaScript only.

import {
  MESSAGE_TYPES, NEWSLETTER_TYPES, baseMessage, buildFunnel, engagementCounts, mulberry32,
  newestFirst, randomTools,
} from "./workspace.js";
import { METRICS_MAX_STEPS, METRICS_TYPES, metricSeries, stepCount } from "./metrics.js";

const DAY = 86_400;
const MONTH_SECONDS = 31 * DAY;
const SIX_MONTHS_SECONDS = 183 * DAY;
const TWELVE_MONTHS_SECONDS = 366 * DAY;
const DEFAULT_MEMBERSHIP_LIMIT = 1000;
const DEFAULT_DELIVERY_LIMIT = 50;
/** The five metrics the delivery lists filter on (the live pages list no others). */
export const DELIVERY_METRICS = Object.freeze(["attempted", "sent", "delivered", "opened", "clicked"]);
export const DELIVERY_STATES = Object.freeze(["failed", "sent", "drafted", "attempted"]);
const TRANSACTIONAL_DELIVERY_COUNT = 90;

/** Share of customers (in percent) each segment holds; segment 1 holds everyone. */
const SEGMENT_SHARE = { 1: 100, 3: 20, 4: 45, 5: 15, 7: 4, 8: 60, 9: 10, 12: 5, 15: 8 };

/** FNV-1a over text: a stable number for choosing members and links. */
function hash(text) {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** The customers in a segment, in workspace order. */
export function segmentMembers(workspace, segmentId) {
  const share = SEGMENT_SHARE[segmentId] ?? 10;
  return workspace.customers.filter((customer) => hash(`${segmentId}:${customer.email}`) % 100 < share);
}

/** The tracked links of an action or newsletter: two or three per parent. */
export function linksOf(kind, id) {
  const count = 2 + (hash(`${kind}:${id}`) % 2);
  return Array.from({ length: count }, (_, index) => ({
    id: id * 10 + index + 1,
    href: `https://example.com/${kind}/${id}/${["offer", "details", "unsubscribe-preferences"][index]}`,
  }));
}

/** The link a clicking delivery clicked, among its parent's links. */
function clickedLink(message, links) {
  return links[hash(message.id) % links.length];
}

/** Transactional deliveries, drawn with their own PRNG (see the header). */
export function buildTransactionalDeliveries({ seed, nowSeconds, transactional, customers }) {
  const random = randomTools(mulberry32(seed ^ 0x7a11));
  return Array.from({ length: TRANSACTIONAL_DELIVERY_COUNT }, () => {
    const template = random.pick(transactional);
    const created = nowSeconds - random.int(60, 50 * DAY);
    const origin = {
      type: "email", template: template.id, subject: template.name, created,
      action_id: null, campaign_id: null, newsletter_id: null, broadcast_id: null, content_id: null,
    };
    const message = baseMessage(random, origin, random.pick(customers));
    const funnel = buildFunnel(random, "email", created, nowSeconds);
    message.metrics = { created, ...funnel.metrics, ...engagementCounts("email", funnel.metrics) };
    message.failure_message = funnel.failureMessage;
    return { transactionalId: template.id, message };
  }).sort((a, b) => newestFirst(a.message, b.message));
}

/** A delivery's state for the `state` filter. */
function stateOf(message) {
  const metrics = message.metrics;
  if ("drafted" in metrics) return "drafted";
  if (["failed", "dropped", "bounced", "undeliverable"].some((metric) => metric in metrics)) return "failed";
  if ("sent" in metrics) return "sent";
  return "attempted";
}

/**
 * The read routes, given the sandbox's helpers (error type, JSON answers, query readers, cursors).
 * @param {Record<string, Function>} h
 */
export function readRoutes(h) {
  const { ApiError, json, readInteger, readEnum, readStart, readBoolean, hashText, decodeCursor, pageOf, findBroadcast } = h;

  function findSegment(workspace, segmentId) {
    const segment = workspace.segments.find((candidate) => candidate.id === segmentId);
    if (segment === undefined) throw new ApiError(404, `segment with id ${segmentId} does not exist`);
    return segment;
  }

  function findAction(workspace, broadcastId, actionId) {
    const broadcast = findBroadcast(workspace, broadcastId);
    const action = broadcast.actions.find((candidate) => candidate.id === actionId);
    if (action === undefined) throw new ApiError(404, `action with id ${actionId} does not exist for broadcast ${broadcastId}`);
    return { broadcast, action };
  }

  function findNewsletter(workspace, newsletterId) {
    const newsletter = workspace.newsletters.find((candidate) => candidate.id === newsletterId);
    if (newsletter === undefined) throw new ApiError(404, `newsletter with id ${newsletterId} does not exist`);
    return newsletter;
  }

  function findTransactional(workspace, transactionalId) {
    const template = workspace.transactional.find((candidate) => candidate.id === transactionalId);
    if (template === undefined) throw new ApiError(404, `transactional message with id ${transactionalId} does not exist`);
    return template;
  }

  /** `{ period, count }` from `period` and `steps`, bounded like the broadcast metrics. */
  function readReport(query) {
    const period = readEnum(query, "period", Object.keys(METRICS_MAX_STEPS)) ?? "days";
    const steps = readInteger(query, "steps", { min: 0, max: METRICS_MAX_STEPS[period] });
    return { period, count: stepCount(period, steps) };
  }

  function metricsAnswer(messages, query, types, now) {
    const { period, count } = readReport(query);
    const type = types === null ? undefined : readEnum(query, "type", types);
    return json(200, metricSeries(messages, { period, count, type, nowSeconds: Math.floor(now() / 1000) }));
  }

  /** `{ links }`: per link, clicks per step (every click, or each person once with `unique`). */
  function linksAnswer(groups, query, { types, unique: takesUnique }, now) {
    const { period, count } = readReport(query);
    const type = types === null ? undefined : readEnum(query, "type", types);
    const unique = takesUnique ? readBoolean(query, "unique") ?? false : true;
    const nowSeconds = Math.floor(now() / 1000);
    const links = [];
    for (const { links: parentLinks, messages } of groups) {
      for (const link of parentLinks) {
        const clicks = messages.filter((message) => "clicked" in message.metrics && clickedLink(message, parentLinks).id === link.id);
        // One entry per click: a delivery clicked `human_clicked` times counts that often.
        const events = clicks.flatMap((message) => {
          const times = unique ? 1 : message.metrics.human_clicked ?? 1;
          return Array.from({ length: times }, () => ({ type: message.type, metrics: { clicked: message.metrics.clicked } }));
        });
        const { metric } = metricSeries(events, { period, count, type, nowSeconds });
        links.push({ link: { ...link }, metric: { series: { clicked: metric.series.clicked } } });
      }
    }
    return json(200, { links });
  }

  /** A page of deliveries, filtered and windowed; `defaultWindow(filters)` applies without bounds. */
  function deliveriesAnswer(messages, query, { state, type }, defaultWindow) {
    const limit = readInteger(query, "limit", { min: 1 }) ?? DEFAULT_DELIVERY_LIMIT;
    const filters = {
      metric: readEnum(query, "metric", DELIVERY_METRICS),
      state: state ? readEnum(query, "state", DELIVERY_STATES) : undefined,
      type: type ? readEnum(query, "type", MESSAGE_TYPES) : undefined,
      start_ts: readInteger(query, "start_ts"),
      end_ts: readInteger(query, "end_ts"),
    };
    if (filters.start_ts !== undefined && filters.end_ts !== undefined && filters.start_ts > filters.end_ts) {
      throw new ApiError(400, "start_ts must not be after end_ts");
    }
    let from;
    let to;
    if (filters.start_ts === undefined && filters.end_ts === undefined) {
      [from, to] = defaultWindow();
    } else {
      to = filters.end_ts ?? Number.MAX_SAFE_INTEGER;
      from = Math.max(filters.start_ts ?? 0, filters.end_ts === undefined ? 0 : filters.end_ts - TWELVE_MONTHS_SECONDS);
    }
    const matching = messages.filter((message) =>
      message.created >= from && message.created <= to &&
      (filters.metric === undefined || filters.metric in message.metrics) &&
      (filters.state === undefined || stateOf(message) === filters.state) &&
      (filters.type === undefined || message.type === filters.type)).sort(newestFirst);
    const filterHash = hashText(JSON.stringify(filters));
    const offset = readStart(query, (raw) => decodeCursor(raw, filterHash, ({ o }) => o <= matching.length).o) ?? 0;
    const { page, next } = pageOf(matching, offset, limit, (end) => ({ o: end, k: filterHash }));
    return json(200, { messages: page, next });
  }

  function customerCount({ params }, { workspace }) {
    findSegment(workspace, params.segment_id);
    return json(200, { segment_id: params.segment_id, count: segmentMembers(workspace, params.segment_id).length });
  }

  function membership({ params, query }, { workspace }) {
    findSegment(workspace, params.segment_id);
    const members = segmentMembers(workspace, params.segment_id);
    const limit = readInteger(query, "limit", { min: 1, max: 30_000 }) ?? DEFAULT_MEMBERSHIP_LIMIT;
    const filterHash = hashText(`segment:${params.segment_id}`);
    const offset = readStart(query, (raw) => decodeCursor(raw, filterHash, ({ o }) => o <= members.length).o) ?? 0;
    const { page, next } = pageOf(members, offset, limit, (end) => ({ o: end, k: filterHash }));
    const identifiers = page.map(({ id, email, cio_id }) => (id === null ? { email, cio_id } : { id, email, cio_id }));
    return json(200, { identifiers, ids: page.map((member) => member.id ?? ""), next });
  }

  function usedBy({ params }, { workspace }) {
    findSegment(workspace, params.segment_id);
    const using = workspace.newsletters.filter((newsletter) => newsletter.recipient_segment_ids.includes(params.segment_id));
    return json(200, {
      segment_id: params.segment_id,
      used_by: {
        campaigns: [],
        sent_newsletters: using.filter((newsletter) => newsletter.sent_at !== null).map((newsletter) => newsletter.id),
        draft_newsletters: using.filter((newsletter) => newsletter.sent_at === null).map((newsletter) => newsletter.id),
      },
    });
  }

  // Field order follows the reference's getBroadcastAction example.
  function publicAction(broadcast, action, index) {
    return {
      id: action.id,
      broadcast_id: broadcast.id,
      deduplicate_id: `${action.id}:${broadcast.created}`,
      name: `${broadcast.name}: ${action.type} ${index + 1}`,
      layout: action.type === "email" ? "<html><body>{{ content }}</body></html>" : null,
      created: broadcast.created,
      updated: broadcast.updated,
      body: action.type === "email" ? `<p>${action.subject}</p>` : `{{trigger.message | default: "${broadcast.name}"}}`,
      type: action.type,
      sending_state: "automatic",
      language: "",
      from: action.type === "email" ? "news@example.com" : null,
      recipient: action.type === "email" ? "{{customer.email}}" : null,
      subject: action.subject,
    };
  }

  function listActions({ params }, { workspace }) {
    const broadcast = findBroadcast(workspace, params.broadcast_id);
    return json(200, { actions: broadcast.actions.map((action, index) => publicAction(broadcast, action, index)) });
  }

  function getAction({ params }, { workspace }) {
    const { broadcast, action } = findAction(workspace, params.broadcast_id, params.action_id);
    return json(200, { action: publicAction(broadcast, action, broadcast.actions.indexOf(action)) });
  }

  const broadcastMessages = (workspace, broadcastId) => workspace.messages.filter((message) => message.broadcast_id === broadcastId);
  const actionMessages = (workspace, broadcastId, actionId) =>
    broadcastMessages(workspace, broadcastId).filter((message) => message.action_id === actionId);

  function actionMetrics({ params, query }, { workspace, now }) {
    findAction(workspace, params.broadcast_id, params.action_id);
    return metricsAnswer(actionMessages(workspace, params.broadcast_id, params.action_id), query, METRICS_TYPES, now);
  }

  function actionLinks({ params, query }, { workspace, now }) {
    const { action } = findAction(workspace, params.broadcast_id, params.action_id);
    const group = { links: linksOf("action", action.id), messages: actionMessages(workspace, params.broadcast_id, action.id) };
    return linksAnswer([group], query, { types: METRICS_TYPES, unique: false }, now);
  }

  function broadcastLinks({ params, query }, { workspace, now }) {
    const broadcast = findBroadcast(workspace, params.broadcast_id);
    const groups = broadcast.actions.map((action) => ({
      links: linksOf("action", action.id), messages: actionMessages(workspace, broadcast.id, action.id),
    }));
    return linksAnswer(groups, query, { types: null, unique: true }, now);
  }

  function broadcastDeliveries({ params, query }, { workspace }) {
    const broadcast = findBroadcast(workspace, params.broadcast_id);
    // Without a window: the month after the first trigger.
    const window = () => [broadcast.first_started, broadcast.first_started + MONTH_SECONDS];
    return deliveriesAnswer(broadcastMessages(workspace, broadcast.id), query, { state: true, type: true }, window);
  }

  function getNewsletter({ params }, { workspace }) {
    return json(200, { newsletter: findNewsletter(workspace, params.newsletter_id) });
  }

  const newsletterMessages = (workspace, newsletterId) => workspace.messages.filter((message) => message.newsletter_id === newsletterId);

  function newsletterMetrics({ params, query }, { workspace, now }) {
    findNewsletter(workspace, params.newsletter_id);
    return metricsAnswer(newsletterMessages(workspace, params.newsletter_id), query, NEWSLETTER_TYPES, now);
  }

  function newsletterLinks({ params, query }, { workspace, now }) {
    const newsletter = findNewsletter(workspace, params.newsletter_id);
    const group = { links: linksOf("newsletter", newsletter.id), messages: newsletterMessages(workspace, newsletter.id) };
    return linksAnswer([group], query, { types: null, unique: true }, now);
  }

  function newsletterDeliveries({ params, query }, { workspace, now }) {
    const newsletter = findNewsletter(workspace, params.newsletter_id);
    const messages = newsletterMessages(workspace, newsletter.id);
    // Without a window: up to 6 months from the first delivery.
    const window = () => {
      const first = messages.reduce((min, message) => Math.min(min, message.created), Math.floor(now() / 1000));
      return [first, first + SIX_MONTHS_SECONDS];
    };
    return deliveriesAnswer(messages, query, { state: false, type: false }, window);
  }

  const transactionalMessages = (workspace, transactionalId) =>
    workspace.transactionalDeliveries.filter((entry) => entry.transactionalId === transactionalId).map((entry) => entry.message);

  function getTransactional({ params }, { workspace }) {
    return json(200, { message: findTransactional(workspace, params.transactional_id) });
  }

  function transactionalMetrics({ params, query }, { workspace, now }) {
    findTransactional(workspace, params.transactional_id);
    return metricsAnswer(transactionalMessages(workspace, params.transactional_id), query, null, now);
  }

  function transactionalDeliveries({ params, query }, { workspace, now }) {
    findTransactional(workspace, params.transactional_id);
    // Without a window: the most recent 6 months.
    const window = () => {
      const nowSeconds = Math.floor(now() / 1000);
      return [nowSeconds - SIX_MONTHS_SECONDS, nowSeconds];
    };
    return deliveriesAnswer(transactionalMessages(workspace, params.transactional_id), query, { state: true, type: false }, window);
  }

  function getMessage({ params }, { workspace }) {
    const id = params.message_id;
    const message = workspace.messages.find((candidate) => candidate.id === id) ??
      workspace.transactionalDeliveries.find((entry) => entry.message.id === id)?.message;
    if (message === undefined) throw new ApiError(404, `message with id ${id} does not exist`);
    return json(200, { message });
  }

  return [
    { pattern: "/v1/segments/:segment_id/customer_count", methods: { GET: customerCount } },
    { pattern: "/v1/segments/:segment_id/membership", methods: { GET: membership } },
    { pattern: "/v1/segments/:segment_id/used_by", methods: { GET: usedBy } },
    { pattern: "/v1/broadcasts/:broadcast_id/actions", methods: { GET: listActions } },
    { pattern: "/v1/broadcasts/:broadcast_id/actions/:action_id", methods: { GET: getAction } },
    { pattern: "/v1/broadcasts/:broadcast_id/actions/:action_id/metrics", methods: { GET: actionMetrics } },
    { pattern: "/v1/broadcasts/:broadcast_id/actions/:action_id/metrics/links", methods: { GET: actionLinks } },
    { pattern: "/v1/broadcasts/:broadcast_id/metrics/links", methods: { GET: broadcastLinks } },
    { pattern: "/v1/broadcasts/:broadcast_id/messages", methods: { GET: broadcastDeliveries } },
    { pattern: "/v1/newsletters/:newsletter_id", methods: { GET: getNewsletter } },
    { pattern: "/v1/newsletters/:newsletter_id/metrics", methods: { GET: newsletterMetrics } },
    { pattern: "/v1/newsletters/:newsletter_id/metrics/links", methods: { GET: newsletterLinks } },
    { pattern: "/v1/newsletters/:newsletter_id/messages", methods: { GET: newsletterDeliveries } },
    { pattern: "/v1/messages/:message_id", methods: { GET: getMessage }, strings: ["message_id"] },
    { pattern: "/v1/transactional/:transactional_id", methods: { GET: getTransactional } },
    { pattern: "/v1/transactional/:transactional_id/metrics", methods: { GET: transactionalMetrics } },
    { pattern: "/v1/transactional/:transactional_id/messages", methods: { GET: transactionalDeliveries } },
  ];
}

