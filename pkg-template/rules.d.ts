// Types of `customerio-wasm/rules` (also exported by `customerio-wasm/table`): the rules a form or
// a surface needs beside the operations, exported from the core at build time (src/export.rs).

export interface TableRules {
  /** Each audience of triggerBroadcast and the flags it accepts set to true (asked of the validation). */
  audiences: Record<"ids" | "emails" | "recipients" | "per_user_data" | "data_file_url" | "default_audience", { flags: string[] }>;
  /** The funnel's metrics, in order. */
  funnelMetrics: string[];
  /** The error codes found before anything is sent (the call can be fixed and made again). */
  refusedBeforeSending: string[];
  /** The client's broadcast spacing defaults. */
  spacing: { intervalMs: number; maxWaitMs: number };
  /** The `scheme` names verifyWebhook takes. */
  webhookSchemes: string[];
  /**
   * The headers each scheme reads: the signature's, the signed timestamp's (null when the scheme
   * signs none; Stripe's is inside its signature header) and the delivery id's (the first present
   * wins; empty when the id is not in a header).
   */
  webhookHeaders: Record<string, { signature: string; timestamp: string | null; id: string[] }>;
  /** The client's defaults where the caller sets none (`new CustomerIo`, `verifyWebhook` options). */
  defaults: {
    timeoutMs: number;
    retry: { maxRetries: number; baseDelayMs: number; maxDelayMs: number; maxElapsedMs: number; maxRetryAfterMs: number };
    spacing: { intervalMs: number; maxWaitMs: number };
    webhook: { toleranceSeconds: number };
  };
}

export declare const rules: TableRules;
