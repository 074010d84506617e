// Types of `customerio-wasm/funnel`: the delivery funnel (pure, no wasm).

/** A funnel metric, in the order of FUNNEL_METRICS. */
export type FunnelMetric = "attempted" | "sent" | "delivered" | "opened" | "clicked" | "converted";

/** attempted, sent, delivered, opened, clicked, converted. */
export declare const FUNNEL_METRICS: readonly FunnelMetric[];

/**
 * One step. Rates are fractions from 0 to 1 rounded to 4 decimal places, null without a
 * denominator (0 of 0, or the first step's rate_of_previous).
 */
export interface FunnelStep {
  metric: FunnelMetric;
  count: number;
  rate_of_attempted: number | null;
  rate_of_previous: number | null;
}

/** `part / whole` rounded to 4 decimal places, or null when `whole` is 0. */
export declare function rate(part: number, whole: number): number | null;

/** Each series of a metrics answer summed over its periods. */
export declare function seriesTotals(series: Record<string, ReadonlyArray<number>> | null | undefined): Record<string, number>;

/** The funnel of metric totals (a missing metric counts 0). */
export declare function funnelSteps(totals: Partial<Record<string, number>> | null | undefined): FunnelStep[];
