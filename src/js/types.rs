//! The TypeScript types of every parameter object and answer, added to the generated `.d.ts` so
//! that no method signature says `any`. The audience is a union: two audiences fail to compile.
//! Enums and method names are not copied here: each `"@table <operation>.<param>"` (and
//! `"@table methods"`) is replaced from the core's exported table by `scripts/public-types.mjs`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options of `new CustomerIo(...)`. */
export interface CustomerIoOptions {
  /** App API key, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** `"us"` (https://api.customer.io, default) or `"eu"` (https://api-eu.customer.io). */
  region?: "us" | "eu";
  /** An origin that overrides the region: the sandbox, a proxy, a test server. */
  baseUrl?: string;
  /** The fetch to use instead of the global one. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Per-attempt timeout in milliseconds (default 30000; 0 turns it off). */
  timeoutMs?: number;
  /** Retry bounds, or `false` for no retries. Reads retry transient faults; triggers retry only 429. */
  retry?: false | RetryOptions;
  /** Broadcast spacing (default: one trigger per broadcast every 10 s, waiting up to 30 s), or `false`. */
  spacing?: false | SpacingOptions;
}

export interface SpacingOptions {
  /** Minimum gap between two triggers under one key (default 10000). */
  intervalMs?: number;
  /** A trigger that would wait longer is refused with `rate_limited` and `retryAfterMs` (default 30000). */
  maxWaitMs?: number;
  /** Space per broadcast (default) or across the whole workspace. */
  scope?: "broadcast" | "workspace";
  /**
   * Coordinates spacing outside this client (e.g. a Durable Object shared by every Worker
   * isolate): called before each trigger with the key ("broadcast:<id>" or "workspace"); resolve
   * when the trigger may go, reject to refuse it (`rate_limited`, with your `retryAfterMs`).
   * Replaces the client's own table.
   */
  acquire?: (key: string, intervalMs: number) => Promise<void>;
}

export interface RetryOptions {
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxElapsedMs?: number;
  /** A Retry-After longer than this rejects `rate_limited` at once (default 30000). */
  maxRetryAfterMs?: number;
}

/** The second argument of every method. */
export interface CallOptions {
  /** Aborts the call (`aborted`); `AbortSignal.timeout(ms)` sets an overall deadline (`timeout`). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's. */
  timeoutMs?: number;
}

/** Methods without parameters accept `{}` or nothing. */
export type NoParams = Record<string, never>;

/** Unix seconds, or a Date (sent as Unix seconds). */
export type Timestamp = number | Date;
/** A positive integer id; a string of digits is accepted. */
export type Id = number | `${number}`;

export type AudienceFilter =
  | { and: AudienceFilter[] }
  | { or: AudienceFilter[] }
  | { not: AudienceFilter }
  | { segment: { id: Id } }
  | { attribute: { field: string; operator: "eq"; value: string | number | boolean } }
  | { attribute: { field: string; operator: "exists" } };

export interface PerUserEntryById { id: string | number; email?: never; data?: Record<string, unknown> }
export interface PerUserEntryByEmail { email: string; id?: never; data?: Record<string, unknown> }

type NoOtherAudience = { ids?: never; emails?: never; recipients?: never; per_user_data?: never; data_file_url?: never; default_audience?: never };
type Only<K extends keyof NoOtherAudience, T> = Omit<NoOtherAudience, K> & T;

interface TriggerCommon {
  broadcast_id: Id;
  /** Liquid data as {{trigger.<key>}}, at most 50 000 bytes of JSON. */
  data?: Record<string, unknown>;
}

/** The three flags; `true` where the audience takes them, `false` (the API's default) anywhere. */
interface AllFlags { id_ignore_missing?: boolean; email_ignore_missing?: boolean; email_add_duplicates?: boolean }

/** Exactly one audience: ids, emails, recipients, per_user_data, data_file_url or default_audience: true. */
export type TriggerBroadcastParams = TriggerCommon & (
  | Only<"ids", { ids: (string | number)[]; id_ignore_missing?: boolean; email_ignore_missing?: false; email_add_duplicates?: false }>
  | Only<"emails", { emails: string[]; email_ignore_missing?: boolean; email_add_duplicates?: boolean; id_ignore_missing?: false }>
  | Only<"recipients", { recipients: AudienceFilter } & AllFlags>
  | Only<"per_user_data", { per_user_data: (PerUserEntryById | PerUserEntryByEmail)[] } & AllFlags>
  | Only<"data_file_url", { data_file_url: string } & AllFlags>
  | Only<"default_audience", { default_audience: true } & AllFlags>
);

/** The reference's message types (checked 2026-12-02; the core's spec.rs MESSAGE_TYPES). */
export type MessageType = "@table getMessages.type";
export type MessageMetric = "@table getMessages.metric";

export interface GetMessagesParams {
  type?: MessageType;
  metric?: MessageMetric;
  campaign_id?: Id;
  newsletter_id?: Id;
  action_id?: Id;
  start_ts?: Timestamp;
  end_ts?: Timestamp;
  /** 1 to 1000. */
  limit?: number;
  /** The `next` of the previous page; "" or nothing for the first page. */
  start?: string;
  drafts?: boolean;
  /** true adds each message's `tracked_responses` (in-app survey answers). */
  get_tracked_responses?: boolean;
}

export interface GetSegmentDetailsParams { segment_id: Id }
export interface ListNewslettersParams { /** 1 to 100. */ limit?: number; sort?: "@table listNewsletters.sort"; start?: string }
export interface GetTriggersParams { broadcast_id: Id }
export interface GetTriggerParams { broadcast_id: Id; /** e.g. 456 or "5-37". */ trigger_id: number | string }
export interface GetTriggerErrorsParams extends GetTriggerParams { start?: string | number; limit?: number }

/** The trigger's id: an integer, or digits and dashes such as "5-37"; pass it back as `trigger_id`. */
export interface TriggerBroadcastResult { id: number | string; [field: string]: unknown }

export interface Message {
  id: string;
  deduplicate_id?: string | null;
  msg_template_id?: number | null;
  /** The same template id under the name one rendering of the reference uses. */
  message_template_id?: number | null;
  action_id?: number | null;
  parent_action_id?: number | null;
  /** A string per the reference; the answer check accepts any value here, so it is not narrowed. */
  customer_id?: unknown;
  customer_identifiers?: { id?: unknown; email?: string | null; cio_id?: string | null } | null;
  recipient?: string | null;
  subject?: string | null;
  /** Metric name → Unix seconds when it happened (or a count for human_opened and the like). */
  metrics?: Partial<Record<MessageMetric | "created" | "drafted" | "human_clicked" | "human_opened" | "prefetch_clicked" | "prefetch_opened", number>> | null;
  created?: number | null;
  failure_message?: string | null;
  newsletter_id?: number | null;
  content_id?: number | null;
  campaign_id?: number | null;
  broadcast_id?: number | null;
  /** Not checked by the answer check (the reference shows a string or null). */
  trigger_event_id?: unknown;
  type?: MessageType | string | null;
  forgotten?: boolean | null;
  /** With `get_tracked_responses: true`: the tracked response option names of an in-app survey. */
  tracked_responses?: Record<string, unknown> | null;
  [field: string]: unknown;
}
export interface MessagesPage { /** Always a list (a `null` from the API arrives as `[]`). */ messages: Message[]; next?: string | null; [field: string]: unknown }

export interface Segment {
  id: number;
  deduplicate_id?: string | null;
  name?: string | null;
  description?: string | null;
  state?: "events" | "build" | "events_queued" | "build_queued" | "finished" | string | null;
  /** Not checked by the answer check (a build's progress: a number in the reference's example). */
  progress?: unknown;
  type?: "dynamic" | "manual" | string | null;
  /** Not checked by the answer check (the reference's examples send a list or "nil"). */
  tags?: unknown;
  created_at?: number | null;
  updated_at?: number | null;
  [field: string]: unknown;
}
export interface SegmentsPage { /** Always a list (a `null` from the API arrives as `[]`). */ segments: Segment[]; [field: string]: unknown }
export interface SegmentDetails { segment: Segment; [field: string]: unknown }

export interface Newsletter {
  id: number;
  deduplicate_id?: string | null;
  type?: string | null;
  content_ids?: number[] | null;
  name?: string | null;
  sent_at?: number | null;
  created?: number | null;
  updated?: number | null;
  recipient_segment_ids?: number[] | null;
  tags?: string[] | null;
  subscription_topic_id?: number | null;
  [field: string]: unknown;
}
export interface NewslettersPage { /** Always a list (a `null` from the API arrives as `[]`). */ newsletters: Newsletter[]; next?: string | null; [field: string]: unknown }

export interface TransactionalMessage {
  id: number;
  name?: string | null;
  description?: string | null;
  send_to_unsubscribed?: boolean | null;
  link_tracking?: boolean | null;
  open_tracking?: boolean | null;
  hide_message_body?: boolean | null;
  queue_drafts?: boolean | null;
  created_at?: number | null;
  updated_at?: number | null;
  [field: string]: unknown;
}
export interface TransactionalMessages { /** Always a list (a `null` from the API arrives as `[]`). */ messages: TransactionalMessage[]; [field: string]: unknown }

export interface Trigger { id: number | string; broadcast_id?: number | null; created_at?: number | null; processed_at?: number | null; [field: string]: unknown }
export interface TriggersPage { /** Always a list (a `null` from the API arrives as `[]`). */ triggers: Trigger[]; [field: string]: unknown }
export interface TriggerErrorsPage { /** Always a list (a `null` from the API arrives as `[]`). */ errors: string[]; next?: number | null; [field: string]: unknown }

export interface GetBroadcastParams { broadcast_id: Id }
export type MetricsPeriod = "@table getBroadcastMetrics.period";
export type MetricsType = MessageType;
/**
 * `steps` is bounded by the period: at most 24 hours, 45 days (the default period), 12 weeks or
 * 121 months; 0 asks for the maximum and 1 gives two periods.
 */
export interface GetBroadcastMetricsParams { broadcast_id: Id; period?: MetricsPeriod; steps?: number; type?: MetricsType }

export interface BroadcastAction { id?: number | null; type?: string | null; [field: string]: unknown }
export interface Broadcast {
  id: number;
  deduplicate_id?: string | null;
  name?: string | null;
  /** e.g. "triggered_broadcast". */
  type?: string | null;
  created?: number | null;
  updated?: number | null;
  active?: boolean | null;
  /** e.g. "running". */
  state?: string | null;
  actions?: BroadcastAction[] | null;
  tags?: unknown;
  first_started?: number | null;
  created_by?: string | null;
  [field: string]: unknown;
}
export interface BroadcastsPage { /** Always a list (a `null` from the API arrives as `[]`). */ broadcasts: Broadcast[]; [field: string]: unknown }
export interface BroadcastDetails { broadcast: Broadcast; [field: string]: unknown }
/** Metric name (attempted, sent, delivered, opened, clicked, converted, ...) → one count per step, oldest first. */
export interface BroadcastMetrics { metric: { series: Record<string, number[]>; [field: string]: unknown }; [field: string]: unknown }

/** Who a transactional message is about: exactly one of id, email or cio_id. */
export type SendIdentifiers = { id: string | number; email?: never; cio_id?: never } | { email: string; id?: never; cio_id?: never } | { cio_id: string; id?: never; email?: never };
/** A template's integer id or its Trigger Name (case-insensitive). */
export type TemplateId = number | string;

interface SendCommon {
  identifiers: SendIdentifiers;
  /** Data for Liquid in the template. */
  message_data?: Record<string, unknown>;
  /** Unix seconds or a Date, not in the past, at most 90 days ahead; leave out to send now. */
  send_at?: Timestamp;
  language?: string;
  queue_draft?: boolean;
  /** true creates an empty template named by a string transactional_message_id. */
  auto_create?: boolean;
}

interface SendEmailCommon extends SendCommon {
  /** Comma-separated, display names allowed; at most 15 recipients across to, cc and bcc. */
  to: string;
  cc?: string;
  bcc?: string;
  body_plain?: string;
  body_amp?: string;
  preheader?: string;
  reply_to?: string;
  fake_bcc?: boolean;
  /** `{ "X-Order": "1001" }`: the client sends the JSON string of `[{ name, value }]` the API wants. */
  headers?: Record<string, string>;
  /** `{ "receipt.pdf": "<base64>" }`, less than 2 MB decoded in total. */
  attachments?: Record<string, string>;
  send_to_unsubscribed?: boolean;
  tracked?: boolean;
  disable_message_retention?: boolean;
  disable_css_preprocessing?: boolean;
}

/** A template (transactional_message_id), or your own body, subject and from. */
export type SendEmailParams = SendEmailCommon & (
  | { transactional_message_id: TemplateId; body?: string; subject?: string; from?: string }
  | { transactional_message_id?: never; body: string; subject: string; from: string }
);

export interface SendPushParams extends SendCommon {
  transactional_message_id: TemplateId;
  /** "all" (default), "last_used" or one device token. */
  to?: string;
  title?: string;
  message?: string;
  image_url?: string;
  link?: string;
  sound?: "@table sendPush.sound";
  custom_data?: Record<string, unknown>;
  custom_payload?: { ios?: Record<string, unknown>; android?: Record<string, unknown> };
  custom_device?: { token: string; platform: "ios" | "android"; last_used?: number; attributes?: Record<string, unknown> };
  send_to_unsubscribed?: boolean;
  disable_message_retention?: boolean;
}

export interface SendSmsParams extends SendCommon {
  transactional_message_id: TemplateId;
  /** E.164, e.g. "+15551234567". */
  to: string;
  from?: string;
  send_to_unsubscribed?: boolean;
  tracked?: boolean;
  disable_message_retention?: boolean;
}

export interface SendInAppParams extends SendCommon {
  transactional_message_id: TemplateId;
}

export interface SendInboxMessageParams extends SendCommon {
  transactional_message_id: TemplateId;
  /** An override of the recipient; normally left out. */
  to?: string;
}

/** A send's answer: the delivery's id (look it up in the delivery log) and when it was queued. */
export interface Delivery { delivery_id: string; queued_at?: number | null; send_at?: number | null; [field: string]: unknown }

export type MethodName = "@table methods";

/** What `prepare()` returns: the exact request, with the key replaced by "Bearer [REDACTED]". */
export interface PreparedRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  /** The JSON body exactly as it would be sent, or null. */
  body: string | null;
}

/** The variables `CustomerIo.fromEnv` reads (unset or blank ones are left out). */
export interface CustomerIoEnv {
  /** The App API key (required, here or as `options.apiKey`). */
  CUSTOMERIO_APP_API_KEY?: string;
  /** "us" (default) or "eu". */
  CUSTOMERIO_REGION?: string;
  /** An origin that overrides the region (the sandbox, a proxy). */
  CUSTOMERIO_BASE_URL?: string;
  [name: string]: unknown;
}

export declare namespace CustomerIo {
  /**
   * A client from environment variables, as Upstash's `Redis.fromEnv`: `apiKey`, `region` and
   * `baseUrl` from CUSTOMERIO_APP_API_KEY, CUSTOMERIO_REGION and CUSTOMERIO_BASE_URL of `env` (a
   * Worker's `env`; Node's `process.env` when left out), trimmed; `options` are added and win.
   * Throws CustomerIoError `invalid_params` with `field` "CUSTOMERIO_APP_API_KEY" when no key is
   * set, and names the variable of a refused region or base URL.
   */
  function fromEnv(env?: CustomerIoEnv, options?: Partial<CustomerIoOptions>): CustomerIo;
}
"#;
