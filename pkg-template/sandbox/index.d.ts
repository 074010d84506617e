// Types for customerio-wasm/sandbox: an offline Customer.io App API.

export interface SandboxOptions {
  /** The App API key the sandbox accepts as `Authorization: Bearer <apiKey>`. Default "sandbox-key". */
  apiKey?: string;
  /** Clock in milliseconds (like Date.now). Anchors the seeded workspace and drives trigger spacing. */
  now?: () => number;
  /** Seed of the deterministic workspace generator. Default 42. */
  seed?: number;
  /** At most one accepted trigger per broadcast per this many milliseconds. Default 10000. */
  triggerSpacingMs?: number;
  /** The request log keeps the newest this many records (and at most 32 MB of bodies). Default 1000. */
  maxLoggedRequests?: number;
  /**
   * Ids or emails the sandbox treats as absent from the workspace (every other one exists): a
   * trigger naming one fails with 422 unless its `id_ignore_missing` / `email_ignore_missing` is
   * true, then skips it; either way the trigger's errors have a line for it. Default none.
   */
  missingPeople?: string[];
}

export type FaultKind = "status" | "hang" | "truncated" | "non_json" | "wrong_shape" | "drop";

/**
 * A fault for the next `times` requests matching `method` and `path`.
 * - "status": answers `status` (default 503) with a JSON:API errors envelope (or `body`) and an
 *   optional Retry-After.
 * - "hang": waits `hangMs` (default 60000), honouring the request's abort signal, then answers normally.
 * - "truncated": the real answer with its body cut in half.
 * - "non_json": 200 with `<html>oops</html>` (or `body`) as text/html.
 * - "wrong_shape": 200 with `{"unexpected":true}` (or `body`).
 * - "drop": no answer; in-process fetch rejects with TypeError("fetch failed"), over HTTP the socket is destroyed.
 * "hang" and "truncated" always process the request; the other kinds process it only with
 * `applied: true` (e.g. a trigger created, then a 5xx answered).
 * So the answer of a trigger can be lost after the API acted (`applied: true` on "status" or
 * "drop": the trigger is in the list with its `created_at`, which is what `findTrigger` reads) or
 * before it acted (the default). Over HTTP (`serveSandbox`), a "hang" whose client gives up and
 * closes the connection is not processed either: lost before acting.
 */
export interface Fault {
  kind: FaultKind;
  /** Matched against the URL pathname: a string exactly, a RegExp with `test`. */
  path: string | RegExp;
  method?: "GET" | "POST";
  /** How many matching requests the fault applies to. Default 1. */
  times?: number;
  status?: number;
  /** Retry-After header value for "status" faults, e.g. "2" or an HTTP date. */
  retryAfter?: string;
  hangMs?: number;
  /** Replaces the faulty body of "status", "non_json" and "wrong_shape" faults. */
  body?: string | JsonObject;
  /** Whether the request is processed before the faulty answer. Default false. */
  applied?: boolean;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One request the sandbox received, in arrival order. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; the Authorization value is redacted to e.g. "Bearer ***". */
  headers: Record<string, string>;
  /** Whether the request carried `Authorization: Bearer <apiKey>`. */
  authorized: boolean;
  /** The body parsed as JSON, or null (no body, or not JSON). */
  body: JsonValue | null;
  bodyText: string | null;
  /** The status answered; null while pending, and when no answer was given (drop, abort). */
  status: number | null;
  fault: FaultKind | null;
}

export interface Segment {
  id: number;
  deduplicate_id: string;
  name: string;
  description: string;
  state: "events" | "build" | "events_queued" | "build_queued" | "finished";
  progress: number | null;
  type: "dynamic" | "manual";
  tags: string[] | null;
  created_at: number;
  updated_at: number;
}

export interface Newsletter {
  id: number;
  deduplicate_id: string;
  type: "email" | "webhook" | "twilio" | "push" | "in_app" | "inbox";
  content_ids: number[];
  name: string;
  sent_at: number | null;
  created: number;
  updated: number;
  recipient_segment_ids: number[];
  tags: string[];
  subscription_topic_id: number;
}

export type MessageType = "email" | "webhook" | "twilio" | "whatsapp" | "slack" | "push" | "in_app" | "live_notification";
export type MessageMetric =
  | "attempted" | "sent" | "delivered" | "opened" | "clicked" | "converted"
  | "bounced" | "spammed" | "unsubscribed" | "dropped" | "failed" | "undeliverable";

export interface Message {
  id: string;
  deduplicate_id: string;
  msg_template_id: number;
  action_id: number | null;
  parent_action_id: number | null;
  customer_id: string | null;
  customer_identifiers: { id: string | null; email: string | null; cio_id: string };
  recipient: string;
  subject: string | null;
  /** Unix seconds keyed by metric (`created` always; drafts have `created` and `drafted`), and the counts human_opened, human_clicked, prefetch_opened. */
  metrics: Partial<Record<MessageMetric | "created" | "drafted" | "human_opened" | "human_clicked" | "prefetch_opened", number>>;
  created: number;
  failure_message: string | null;
  newsletter_id: number | null;
  content_id: number | null;
  campaign_id: number | null;
  broadcast_id: number | null;
  trigger_event_id: string | null;
  type: MessageType;
  forgotten: boolean;
  /** Only with `get_tracked_responses=true`: in-app survey responses (`{}` in the sandbox). */
  tracked_responses?: Record<string, number>;
}

export interface TransactionalMessage {
  id: number;
  name: string;
  description: string;
  send_to_unsubscribed: boolean;
  link_tracking: boolean;
  open_tracking: boolean;
  hide_message_body: boolean;
  queue_drafts: boolean;
  created_at: number;
  updated_at: number;
}

export interface Action {
  id: number;
  type: MessageType;
  template: number;
  subject: string | null;
}

/** A campaign or an API-triggered broadcast, with the actions its messages come from. */
export interface Parent {
  id: number;
  name: string;
  actions: Action[];
}

/** An API-triggered broadcast as listBroadcasts/getBroadcast answer it (actions there carry only id and type). */
export interface Broadcast extends Parent {
  deduplicate_id: string;
  created: number;
  updated: number;
  type: "triggered_broadcast";
  active: boolean;
  state: string;
  tags: string[] | null;
  first_started: number;
  created_by: string;
}

/** A trigger as the sandbox stores it; the API answers only id, broadcast_id, created_at, processed_at. */
export interface StoredTrigger {
  id: number;
  broadcast_id: number;
  created_at: number;
  processed_at: number;
  /** The parsed body of the trigger request. */
  request: JsonObject;
  /** Lines served by the trigger errors endpoint, "line <n>: <text>". */
  errors: string[];
}

/** A transactional send the sandbox accepted (POST /v1/send/{channel}). */
export interface StoredSend {
  channel: "email" | "push" | "sms" | "in_app" | "inbox_message";
  delivery_id: string;
  queued_at: number;
  /** The template it used, or null for an email with its own body. */
  template_id: number | null;
  /** The parsed body of the send request. */
  request: JsonObject;
}

/** The live data the sandbox answers from. `reset()` restores it. */
export interface Workspace {
  segments: Segment[];
  newsletters: Newsletter[];
  /** Newest first; sent messages and drafts. */
  messages: Message[];
  transactional: TransactionalMessage[];
  campaigns: Parent[];
  broadcasts: Broadcast[];
  triggers: StoredTrigger[];
  /** The people segments are drawn from (a segment's members are a stable subset of them). */
  customers: Customer[];
  /** Deliveries of the transactional templates, newest first (not listed by GET /v1/messages). */
  transactionalDeliveries: { transactionalId: number; message: Message }[];
  /** Transactional sends accepted since the start (or the last reset), oldest first. */
  sends: StoredSend[];
}

/** A person of the seeded workspace. */
export interface Customer {
  /** null for one person in ten (identified by email only). */
  id: string | null;
  email: string;
  cio_id: string;
  phone: string;
  device: string;
}

export interface Sandbox {
  /** Same signature as the global fetch; routes on the URL's pathname, whatever the origin. */
  fetch(input: Request | URL | string, init?: RequestInit): Promise<Response>;
  /**
   * The requests received, in order: the newest `maxLoggedRequests` (and 32 MB of bodies).
   * Unauthenticated requests are logged without their body. Cleared by `reset()`.
   */
  readonly requests: RecordedRequest[];
  readonly workspace: Workspace;
  readonly apiKey: string;
  /** Clears requests and faults, restores the seeded workspace and the trigger spacing clock. */
  reset(): void;
  inject(fault: Fault): void;
  clearFaults(): void;
}

/** Creates an in-memory Customer.io App API with a seeded workspace. */
export function createSandbox(options?: SandboxOptions): Sandbox;
