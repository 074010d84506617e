// A typed usage of the package, compiled with `tsc --noEmit` (make test). Each
// `@ts-expect-error` line is a mistake the types must catch; tsc fails if one compiles.
import { CustomerIo, CustomerIoError, verifyWebhook } from "customerio-wasm";
import type { CustomerIoErrorCode, VerifiedWebhook } from "customerio-wasm";
import type { Broadcast, Delivery, Message, MessagesPage, PreparedRequest, Segment, TriggerBroadcastResult } from "customerio-wasm";
import { createSandbox } from "customerio-wasm/sandbox";

const sandbox = createSandbox();
const cio = new CustomerIo({ apiKey: sandbox.apiKey, baseUrl: "https://api.customer.io", fetch: sandbox.fetch, retry: { maxRetries: 2 } });
new CustomerIo({ apiKey: "k", region: "eu", timeoutMs: 5000, retry: false });
// @ts-expect-error region is "us" or "eu"
new CustomerIo({ apiKey: "k", region: "asia" });
// @ts-expect-error apiKey is required
new CustomerIo({ region: "us" });

export async function tour(signal: AbortSignal): Promise<void> {
  const page: MessagesPage = await cio.getMessages({ type: "email", metric: "opened", start_ts: new Date(), end_ts: 1_700_000_000, limit: 100 }, { signal, timeoutMs: 1000 });
  const first: Message | undefined = page.messages?.[0];
  const opened: number | undefined = first?.metrics?.opened;
  const next: string | null | undefined = page.next;
  void opened; void next;

  for await (const message of cio.messages({ limit: 1000 })) {
    const id: string = message.id;
    void id;
  }
  for await (const newsletter of cio.newsletters({ sort: "asc" })) {
    const name: string | null | undefined = newsletter.name;
    void name;
  }

  const segments: Segment[] = (await cio.getSegments()).segments;
  const found = segments.find((s) => s.name === "VIP customers"); // strict: a list, never null
  if (found) await cio.triggerBroadcast({ broadcast_id: 11, recipients: { segment: { id: found.id } } });
  await cio.getSegments({});
  const vip = segments.find((s) => s.name === "VIP customers");
  const result: TriggerBroadcastResult = await cio.triggerBroadcast({ broadcast_id: 11, recipients: { and: [{ segment: { id: vip?.id ?? 1 } }, { not: { attribute: { field: "plan", operator: "eq", value: "free" } } }] }, data: { headline: "Hi" } });
  await cio.triggerBroadcast({ broadcast_id: "11", ids: ["a", 2], id_ignore_missing: true });
  await cio.triggerBroadcast({ broadcast_id: 11, emails: ["a@b.co"], email_add_duplicates: true });
  await cio.triggerBroadcast({ broadcast_id: 11, per_user_data: [{ id: "a", data: { code: "X" } }, { email: "b@c.co" }] });
  await cio.triggerBroadcast({ broadcast_id: 11, data_file_url: "https://example.com/f.jsonl" });
  await cio.triggerBroadcast({ broadcast_id: 11, default_audience: true });
  // The reference's own default-audience example: flags are accepted there (false anywhere).
  await cio.triggerBroadcast({ broadcast_id: 11, default_audience: true, data: { headline: "x" }, email_add_duplicates: false, email_ignore_missing: false, id_ignore_missing: false });
  await cio.triggerBroadcast({ broadcast_id: 11, recipients: { segment: { id: 3 } }, email_ignore_missing: true });
  await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"], email_add_duplicates: false });
  const tracked = await cio.getMessages({ type: "live_notification", get_tracked_responses: true, start: "" });
  const responses: Record<string, unknown> | null | undefined = tracked.messages?.[0]?.tracked_responses;
  void responses;
  const trigger = await cio.getTrigger({ broadcast_id: 11, trigger_id: result.id });
  const processed: number | null | undefined = trigger.processed_at;
  void processed;
  await cio.getTriggers({ broadcast_id: 11 });
  const settled = await cio.findTrigger({ broadcast_id: 11, after: new Date(), before: 1_700_000_010, exclude: [3, "5-37"] });
  if (settled.outcome === "found") void settled.trigger.id;
  else if (settled.outcome === "ambiguous") void settled.candidates.length;
  else if (settled.outcome === "unreachable") void settled.error.code;
  // @ts-expect-error findTrigger needs its window
  await cio.findTrigger({ broadcast_id: 11 });
  await cio.getTriggerErrors({ broadcast_id: 11, trigger_id: "5-37", start: 10 });
  await cio.getSegmentDetails({ segment_id: 3 });
  await cio.listNewsletters({ limit: 10, sort: "desc" });
  await cio.listTransactionalMessages();
  const prepared: PreparedRequest = cio.prepare("getMessages", { limit: 5 });
  const body: string | null = prepared.body;
  void body;

  try {
    await cio.getSegments();
  } catch (error) {
    if (error instanceof CustomerIoError) {
      const code: "rate_limited" | string = error.code;
      const wait: number | undefined = error.retryAfterMs;
      const detail: string | undefined = error.errors?.[0]?.detail;
      void code; void wait; void detail;
    }
  }

  // @ts-expect-error two audiences do not type-check
  await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"], emails: ["a@b.co"] });
  // @ts-expect-error no audience does not type-check
  await cio.triggerBroadcast({ broadcast_id: 11, data: {} });
  // @ts-expect-error default_audience only accepts true
  await cio.triggerBroadcast({ broadcast_id: 11, default_audience: false });
  // @ts-expect-error email flags do not go with ids
  await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"], email_ignore_missing: true });
  // @ts-expect-error broadcast_id is required
  await cio.triggerBroadcast({ ids: ["a"] });
  // @ts-expect-error not takes one filter, not an array
  await cio.triggerBroadcast({ broadcast_id: 11, recipients: { not: [{ segment: { id: 1 } }] } });
  // @ts-expect-error an ISO string is not a timestamp
  await cio.getMessages({ start_ts: "2024-01-01T00:00:00Z" });
  // @ts-expect-error type comes from the reference's enum
  await cio.getMessages({ type: "sms" });
  // @ts-expect-error unknown parameter names are refused
  await cio.getMessages({ limt: 10 });
  // @ts-expect-error sort is asc or desc
  await cio.listNewsletters({ sort: "newest" });
  // @ts-expect-error segment_id is required
  await cio.getSegmentDetails({});
  // @ts-expect-error getSegments takes no parameters
  await cio.getSegments({ limit: 10 });
  const broadcasts: Broadcast[] = (await cio.listBroadcasts()).broadcasts;
  const state: string | null | undefined = (await cio.getBroadcast({ broadcast_id: broadcasts?.[0]?.id ?? 11 })).broadcast.state;
  const sent: number[] | undefined = (await cio.getBroadcastMetrics({ broadcast_id: 11, period: "days", steps: 7, type: "email" })).metric.series.sent;
  void state; void sent;
  cio.prepare("getBroadcastMetrics", { broadcast_id: 11 });
  // @ts-expect-error period is hours, days, weeks or months
  await cio.getBroadcastMetrics({ broadcast_id: 11, period: "years" });
  // @ts-expect-error broadcast_id is required
  await cio.getBroadcast({});
  // @ts-expect-error unknown operation name
  cio.prepare("sendFax", {});

  // Transactional sends: a template or your own body, subject and from; one identifier.
  const delivery: Delivery = await cio.sendEmail({ to: "road@runner.net", identifiers: { email: "road@runner.net" }, transactional_message_id: 4, send_at: new Date() });
  const deliveryId: string = delivery.delivery_id;
  void deliveryId;
  await cio.sendEmail({ to: "a@b.co", identifiers: { id: 42 }, body: "<p>Hi</p>", subject: "Hi", from: "shop@acme.example", headers: { "X-Order": "1" } });
  await cio.sendPush({ identifiers: { cio_id: "a1" }, transactional_message_id: "shipping update", sound: "none" });
  await cio.sendSMS({ identifiers: { id: "c1" }, transactional_message_id: 6, to: "+15551234567" });
  await cio.sendInApp({ identifiers: { id: "c1" }, transactional_message_id: 2 });
  await cio.sendInboxMessage({ identifiers: { id: "c1" }, transactional_message_id: "order_shipped", message_data: { order_id: "ORD-5678" } });
  cio.prepare("sendEmail", { to: "a@b.co", identifiers: { id: "c1" }, transactional_message_id: 4 });
  // @ts-expect-error neither a template nor body, subject and from
  await cio.sendEmail({ to: "a@b.co", identifiers: { id: "c1" } });
  // @ts-expect-error two identifiers
  await cio.sendEmail({ to: "a@b.co", identifiers: { id: "c1", email: "a@b.co" }, transactional_message_id: 4 });
  // @ts-expect-error a push needs its template
  await cio.sendPush({ identifiers: { id: "c1" } });
  // @ts-expect-error sound is default or none
  await cio.sendPush({ identifiers: { id: "c1" }, transactional_message_id: 5, sound: "loud" });
  // @ts-expect-error call options are signal and timeoutMs
  await cio.getSegments({}, { timeout: 5 });
}

// verifyWebhook: the request's exact body, one scheme, one or several secrets.
export async function webhook(request: Request): Promise<string | null> {
  const verified: VerifiedWebhook = await verifyWebhook(
    { headers: request.headers, body: await request.text() },
    { scheme: "stripe", secret: ["whsec_new", "whsec_old"], toleranceSeconds: 60, now: new Date() },
  );
  await verifyWebhook({ headers: { "x-hub-signature-256": "sha256=00" }, body: new Uint8Array() }, { scheme: "github", secret: "s" });
  // @ts-expect-error an unknown scheme
  await verifyWebhook({ headers: {}, body: "" }, { scheme: "paypal", secret: "s" });
  // @ts-expect-error the secret is required
  await verifyWebhook({ headers: {}, body: "" }, { scheme: "github" });
  // @ts-expect-error a parsed JSON body is not the bytes received
  await verifyWebhook({ headers: {}, body: { id: 1 } }, { scheme: "github", secret: "s" });
  const code: CustomerIoErrorCode = "invalid_signature";
  void code;
  return verified.id;
}
