// The reads around a broadcast as a user's TypeScript sees them (make pkg-check): typed answers,
// walks, countAudience; the lines marked ts-expect-error are mistakes the types must catch.
import { CustomerIo } from "customerio-wasm";
import type { AudienceCount, LinkMetrics, Message, SegmentCount, SegmentMember } from "customerio-wasm";

const cio = new CustomerIo({ apiKey: "k" });

export async function reads(): Promise<number> {
  const size: SegmentCount = await cio.getSegmentCount({ segment_id: 3 });
  const counted: AudienceCount = await cio.countAudience({ broadcast_id: 11, recipients: { segment: { id: 3 } } });
  const people: number | null = counted.count;
  const links: LinkMetrics = await cio.getBroadcastLinkMetrics({ broadcast_id: 11, unique: true, period: "days", steps: 7 });
  const href: string | null | undefined = links.links?.[0]?.link?.href;
  const { message } = await cio.getMessage({ message_id: "ag1q" });
  const one: Message = message;
  await cio.getBroadcastActionMetrics({ broadcast_id: 11, action_id: 301, type: "email" });
  await cio.getNewsletterMetrics({ newsletter_id: 5, type: "inbox" });
  await cio.getTransactionalDeliveries({ transactional_id: 3, state: "sent", start_ts: new Date() });
  let members = 0;
  for await (const member of cio.segmentMembers({ segment_id: 3, limit: 1000 })) {
    const email: string | null | undefined = (member as SegmentMember).email;
    members += email ? 1 : 0;
  }
  for await (const delivery of cio.broadcastMessages({ broadcast_id: 11 })) members += delivery.id ? 0 : 1;
  // @ts-expect-error a message id is a string, not a template's number
  await cio.getMessage({ message_id: 43 });
  // @ts-expect-error delivery lists filter on five metrics; converted is not one
  await cio.getBroadcastMessages({ broadcast_id: 11, metric: "converted" });
  // @ts-expect-error the newsletter channels have no slack
  await cio.getNewsletterMetrics({ newsletter_id: 5, type: "slack" });
  // @ts-expect-error countAudience takes a trigger's parameters: one audience
  await cio.countAudience({ broadcast_id: 11 , ids: ["a"], emails: ["b@example.com"] });
  return size.count + (people ?? 0) + members + (href ? 1 : 0) + (one.id ? 1 : 0);
}

/** CustomerIo.fromEnv: a Worker's env or process.env, options added. */
export function fromEnv(env: { CUSTOMERIO_APP_API_KEY?: string; OTHER_BINDING?: unknown }): CustomerIo {
  const worker = CustomerIo.fromEnv(env, { timeoutMs: 5_000, retry: false });
  const node = CustomerIo.fromEnv();
  // @ts-expect-error a region the client does not know
  CustomerIo.fromEnv(env, { region: "mars" });
  return node ?? worker;
}

/** The small pure modules: the funnel, the audience in words, the server helpers, the rules. */
export async function smallModules(): Promise<string> {
  const { funnelSteps, seriesTotals, FUNNEL_METRICS } = await import("customerio-wasm/funnel");
  const { describeAudience } = await import("customerio-wasm/audience");
  const { sameSecret } = await import("customerio-wasm/server");
  const { rules } = await import("customerio-wasm/table");
  const steps = funnelSteps(seriesTotals({ attempted: [3], sent: [2] }));
  const rate: number | null = steps[1].rate_of_previous;
  const flags: string[] = rules.audiences.recipients.flags;
  const words: string = describeAudience({ ids: ["u1"] }, { count: await cio.countAudience({ broadcast_id: 1, ids: ["u1"] }) });
  return `${FUNNEL_METRICS[0]} ${rate} ${flags.length} ${sameSecret("a", "b")} ${words}`;
}
