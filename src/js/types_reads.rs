//! The TypeScript types of the reads around a broadcast (issue 19): segment sizes and members,
//! broadcast actions, per-action and per-link metrics, newsletters, transactional messages and
//! one delivery. Kept beside `types.rs` (same conventions: enums come from the core's table
//! through `"@table …"`, answers keep every field with an index signature).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const READ_TYPES: &'static str = r#"
export interface GetSegmentCountParams { segment_id: Id }
/** `count` is how many people the segment holds now. */
export interface SegmentCount { segment_id?: number | null; count: number; [field: string]: unknown }

export interface GetSegmentMembershipParams {
  segment_id: Id;
  /** The `next` of the previous page; "" or nothing for the first page. */
  start?: string;
  /** 1 to 30 000. */
  limit?: number;
}
/** One member's identifiers; `email` is absent in workspaces that do not identify people by email. */
export interface SegmentMember { /** Not checked by the answer check. */ id?: unknown; email?: string | null; cio_id?: string | null; [field: string]: unknown }
export interface SegmentMembership {
  /** Always a list (a `null` from the API arrives as `[]`). */ identifiers: SegmentMember[];
  /** The members' ids ("" for a member without one). */
  ids?: (string | number)[] | null;
  next?: string | null;
  [field: string]: unknown;
}

export interface GetSegmentDependenciesParams { segment_id: Id }
export interface SegmentDependencies {
  segment_id?: number | null;
  used_by: { campaigns?: number[] | null; sent_newsletters?: number[] | null; draft_newsletters?: number[] | null; [field: string]: unknown };
  [field: string]: unknown;
}

export interface ListBroadcastActionsParams { broadcast_id: Id }
export interface GetBroadcastActionParams { broadcast_id: Id; action_id: Id }
/** A broadcast action with its content (body, from, reply_to, headers, … kept as sent). */
export interface BroadcastActionContent {
  id: number;
  broadcast_id?: number | null;
  deduplicate_id?: string | null;
  name?: string | null;
  /** e.g. "email", "webhook", "push". */
  type?: string | null;
  created?: number | null;
  updated?: number | null;
  /** e.g. "automatic". */
  sending_state?: string | null;
  language?: string | null;
  subject?: string | null;
  [field: string]: unknown;
}
export interface BroadcastActions { /** Always a list (a `null` from the API arrives as `[]`). */ actions: BroadcastActionContent[]; [field: string]: unknown }
export interface BroadcastActionDetails { action: BroadcastActionContent; [field: string]: unknown }

/**
 * The reporting window of a metrics read ("version 1", the only mode these operations document):
 * `steps` is bounded by the period, at most 24 hours, 45 days (the default period), 12 weeks or
 * 121 months; 0 asks for the maximum and 1 gives two periods. Days start at 00:00 EST.
 */
export interface MetricsWindow { period?: MetricsPeriod; steps?: number }
export interface GetBroadcastActionMetricsParams extends MetricsWindow { broadcast_id: Id; action_id: Id; type?: MetricsType }
export interface GetBroadcastActionLinkMetricsParams extends MetricsWindow { broadcast_id: Id; action_id: Id; type?: MetricsType }
/** `unique: true` counts each person once per link. */
export interface GetBroadcastLinkMetricsParams extends MetricsWindow { broadcast_id: Id; unique?: boolean }
export interface GetNewsletterMetricsParams extends MetricsWindow { newsletter_id: Id; type?: "@table getNewsletterMetrics.type" }
export interface GetNewsletterLinkMetricsParams extends MetricsWindow { newsletter_id: Id; unique?: boolean }
export interface GetTransactionalMetricsParams extends MetricsWindow { transactional_id: Id }

/** Metric name (attempted, sent, delivered, opened, clicked, converted, ...) → one count per step, oldest first, with any totals the API adds. */
export interface Metrics { metric: { series?: Record<string, number[]> | null; [field: string]: unknown }; [field: string]: unknown }
export interface LinkMetric {
  link?: { id?: number | null; href?: string | null; [field: string]: unknown } | null;
  /** `series.clicked`: clicks per step, oldest first. */
  metric?: { series?: Record<string, number[]> | null; [field: string]: unknown } | null;
  [field: string]: unknown;
}
export interface LinkMetrics { /** Always a list (a `null` from the API arrives as `[]`). */ links: LinkMetric[]; [field: string]: unknown }

/** The filters of a delivery list: the cursor, a page size and the creation-time window. */
interface DeliveryFilters {
  /** The `next` of the previous page; "" or nothing for the first page. */
  start?: string;
  limit?: number;
  metric?: "@table getBroadcastMessages.metric";
  start_ts?: Timestamp;
  end_ts?: Timestamp;
}
export interface GetBroadcastMessagesParams extends DeliveryFilters { broadcast_id: Id; state?: "@table getBroadcastMessages.state"; type?: MessageType }
export interface GetNewsletterMessagesParams extends DeliveryFilters { newsletter_id: Id }
export interface GetTransactionalDeliveriesParams extends DeliveryFilters { transactional_id: Id; state?: "@table getTransactionalDeliveries.state" }

export interface GetMessageParams { /** The delivery's string id, e.g. "ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek=". */ message_id: string }
export interface MessageDetails { message: Message; [field: string]: unknown }
export interface GetNewsletterParams { newsletter_id: Id }
export interface NewsletterDetails { newsletter: Newsletter; [field: string]: unknown }
export interface GetTransactionalMessageParams { transactional_id: Id }
export interface TransactionalMessageDetails { message: TransactionalMessage; [field: string]: unknown }

/**
 * How many people a trigger reaches, where that is known without sending. `count` is null when
 * it is not: `reason` says why (an attribute filter, a data file, the default audience), and
 * `error` carries the code and status when the segment's size could not be read (429, 5xx, a
 * network error): that never blocks the trigger.
 */
export interface AudienceCount {
  audience: "ids" | "emails" | "recipients" | "per_user_data" | "data_file_url" | "default_audience";
  /** People reached: distinct ids/emails/entries, or the segment's count; null when unknown. */
  count: number | null;
  /** Entries given more than once (each person is counted once). */
  duplicates?: number;
  /** When `recipients` is one segment. */
  segment_id?: number;
  reason?: string;
  error?: { code: string; status?: number; message: string };
}

export interface CustomerIo {
  /**
   * How many people `triggerBroadcast(params)` would reach, without sending it: validates the
   * parameters like triggerBroadcast (rejecting the same errors), then counts ids, emails or
   * per_user_data entries (each person once), or reads a segment's size; unknown for an
   * attribute filter, a combination of filters, a data file or the default audience.
   */
  countAudience(params: TriggerBroadcastParams, options?: CallOptions): Promise<AudienceCount>;
}
"#;
