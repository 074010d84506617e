// Only the public API's types (types.d.ts, cut from wasm-bindgen's output by
// scripts/public-types.mjs): not the wasm loader's, which need lib DOM/esnext to compile.
export type * from "./types.js";
export { CustomerIo } from "./types.js";
import type { VerifiedWebhook, VerifyWebhookOptions, WebhookRequest } from "./types.js";

/**
 * Verifies a webhook delivery's signature over the exact bytes received (never JSON parsed and
 * serialized again). Resolves to `{ scheme, id, timestamp }`; rejects with a CustomerIoError
 * `invalid_signature` (a header missing or malformed, or no secret matches; `field` is the
 * header), `expired_signature` (the signed timestamp is outside `toleranceSeconds`)
 * or `invalid_params` (bad options).
 */
export declare function verifyWebhook(request: WebhookRequest, options: VerifyWebhookOptions): Promise<VerifiedWebhook>;

/** Every code a CustomerIoError can carry. */
export type CustomerIoErrorCode =
  | "invalid_params"
  | "audience_conflict"
  | "missing_audience"
  | "invalid_timestamp"
  | "unauthorized"
  | "not_found"
  | "rate_limited"
  | "api_error"
  | "network_error"
  | "timeout"
  | "aborted"
  | "invalid_response"
  | "unknown_outcome"
  | "invalid_signature"
  | "expired_signature"
  | "internal";

/** One entry of the API's own error list. */
export interface ApiErrorItem {
  detail: string;
  status?: string;
  code?: string;
  /** `source.pointer`, e.g. "/data/attributes/per_user_data". */
  pointer?: string;
}

/** The error every method rejects with. `instanceof` works across copies of the module. */
export declare class CustomerIoError extends Error {
  readonly name: "CustomerIoError";
  readonly code: CustomerIoErrorCode;
  /** The parameter path, e.g. "limit" or "recipients.and[1].segment.id". */
  readonly field?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly errors?: ApiErrorItem[];
}
