// The canned answers every bench scenario reads, shared by the loopback server and the in-memory
// fetch so that both serve the same bytes.

const message = (i) => ({
  id: `msg-${i}`, deduplicate_id: `msg-${i}:1700000000`, msg_template_id: 43, action_id: 215, parent_action_id: null,
  customer_id: null, customer_identifiers: { id: null, email: `p${i}@example.com`, cio_id: `c${i}` },
  recipient: `p${i}@example.com`, subject: "Hello", metrics: { sent: 1700000001, delivered: 1700000002 },
  created: 1700000000, failure_message: null, newsletter_id: null, content_id: null, campaign_id: 23,
  broadcast_id: null, trigger_event_id: null, type: "email", forgotten: false,
});

const pages = new Map([1, 100, 1000].map((n) => [n, JSON.stringify({ messages: Array.from({ length: n }, (_, i) => message(i)), next: "abc" })]));
const segments = JSON.stringify({ segments: [{ id: 7, name: "VIP customers", type: "dynamic", state: "finished", progress: null, tags: null }] });
const trigger = JSON.stringify({ id: 4242 });

/** The answer to `method url` as [status, body]. */
export function answer(method, url) {
  const { pathname, searchParams } = new URL(url, "http://127.0.0.1");
  if (method === "GET" && pathname === "/v1/segments") return [200, segments];
  if (method === "GET" && pathname === "/v1/messages") return [200, pages.get(Number(searchParams.get("limit"))) ?? pages.get(1)];
  if (method === "POST" && /^\/v1\/campaigns\/\d+\/triggers$/.test(pathname)) return [200, trigger];
  return [404, JSON.stringify({ errors: [{ detail: "not found" }] })];
}

/** A fetch that answers in memory, as the loopback server would. */
export async function memoryFetch(input, init = {}) {
  const url = typeof input === "string" ? input : input.url;
  const method = init.method ?? input.method ?? "GET";
  if (init.body !== undefined && typeof init.body !== "string") await new Response(init.body).text();
  const [status, body] = answer(method, url);
  return new Response(body, { status, headers: { "content-type": "application/json" } });
}
