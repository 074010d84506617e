export type * from "./customerio_wasm.js";
export { CustomerIo } from "./customerio_wasm.js";
export { verifyWebhook } from "./customerio_wasm.js";

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
