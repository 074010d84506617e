// Types of `customerio-wasm/audience`: the audience of a trigger in words (pure, no wasm).
import type { AudienceCount, CustomerIo, TriggerBroadcastParams, CallOptions } from "./types.js";

/** What is known beside the parameters: countAudience's answer, getSegments' list. */
export interface KnownAudience {
  count?: AudienceCount | { count: null; reason: string; duplicates?: number };
  segments?: ReadonlyArray<{ id: number; name?: string | null }>;
}

/**
 * The audience of valid triggerBroadcast parameters in words, e.g.
 * `segment "VIP customers" (id 3): 1 204 people` or `4 people by customer id (u1, u2, u3, …)`.
 */
export declare function describeAudience(params: Record<string, unknown>, known?: KnownAudience): string;

/** The segment ids a recipients filter names, at any depth. */
export declare function segmentIds(filter: unknown): Set<number>;

/** "1 204 people": a count with thousands apart. */
export declare function formatPeople(count: number): string;

/** `cio.countAudience(params, options)`, as a function. */
export declare function countAudience(cio: CustomerIo, params: TriggerBroadcastParams, options?: CallOptions): Promise<AudienceCount>;
