//! The hand-written part of the package's TypeScript: what no table holds (the client's options,
//! call options, the prepared request, `fromEnv`) and the TypeScript spelling of the parameter
//! kinds (`Id`, `Timestamp`, `AudienceFilter`, `SendIdentifiers`, …). Every parameter interface,
//! enum, method name and answer interface is generated from the core's table and answer shapes
//! (`src/typescript`) and added to `types.d.ts` by `scripts/public-types.mjs`; the audience is a
//! union there, so two audiences fail to compile. A default is never typed here: `@default(path)`
//! is filled from the table's `rules.defaults` by `scripts/public-types.mjs`.

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
  /** Per-attempt timeout in milliseconds (default @default(timeoutMs); 0 turns it off). */
  timeoutMs?: number;
  /** Retry bounds, or `false` for no retries. Reads retry transient faults; triggers retry only 429. */
  retry?: false | RetryOptions;
  /** Broadcast spacing (default: one trigger per broadcast every @default(spacing.intervalMs) ms, waiting up to @default(spacing.maxWaitMs) ms), or `false`. */
  spacing?: false | SpacingOptions;
}

export interface SpacingOptions {
  /** Minimum gap between two triggers under one key (default @default(spacing.intervalMs)). */
  intervalMs?: number;
  /** A trigger that would wait longer is refused with `rate_limited` and `retryAfterMs` (default @default(spacing.maxWaitMs)). */
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
  /** Retries after the first attempt (default @default(retry.maxRetries)). */
  maxRetries?: number;
  /** The first backoff, doubled each retry with jitter (default @default(retry.baseDelayMs)). */
  baseDelayMs?: number;
  /** The longest backoff (default @default(retry.maxDelayMs)). */
  maxDelayMs?: number;
  /** No retry starts this long after the first attempt (default @default(retry.maxElapsedMs)). */
  maxElapsedMs?: number;
  /** A Retry-After longer than this rejects `rate_limited` at once (default @default(retry.maxRetryAfterMs)). */
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

/** Who a transactional message is about: exactly one of id, email or cio_id. */
export type SendIdentifiers = { id: string | number; email?: never; cio_id?: never } | { email: string; id?: never; cio_id?: never } | { cio_id: string; id?: never; email?: never };
/** A template's integer id or its Trigger Name (case-insensitive). */
export type TemplateId = number | string;

/**
 * A template (transactional_message_id), or your own body, subject and from: a rule between
 * fields that the table does not state (see NOT_IN_SCHEMA in src/tools.rs), added to the
 * generated SendEmailFields.
 */
export type SendEmailParams = SendEmailFields & (
  | { transactional_message_id: TemplateId }
  | { transactional_message_id?: never; body: string; subject: string; from: string }
);

/** The reporting window of a metrics read: `period` and `steps`, as every metrics read takes them. */
export type MetricsWindow = Pick<GetTransactionalMetricsParams, "period" | "steps">;

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
