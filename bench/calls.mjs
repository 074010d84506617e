// Call overhead of the client against raw fetch, side by side in one run: both read the same
// canned answer from the same in-memory fetch, so the ratio is the client's own cost (validation,
// building the request, checking and parsing the answer). `node bench/calls.mjs [rounds]`.
import { CustomerIo } from "../pkg/entry-node.js";

const rounds = Number(process.argv[2] ?? 2000);
const message = (i) => ({
  id: `msg-${i}`, deduplicate_id: `msg-${i}:1700000000`, msg_template_id: 43, action_id: 215, parent_action_id: null,
  customer_id: null, customer_identifiers: { id: null, email: `p${i}@example.com`, cio_id: `c${i}` },
  recipient: `p${i}@example.com`, subject: "Hello", metrics: { sent: 1700000001, delivered: 1700000002 },
  created: 1700000000, failure_message: null, newsletter_id: null, content_id: null, campaign_id: 23,
  broadcast_id: null, trigger_event_id: null, type: "email", forgotten: false,
});

function cannedFetch(body) {
  return async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}

async function time(label, fn) {
  for (let i = 0; i < Math.min(200, rounds); i++) await fn(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await fn();
  return (performance.now() - started) / rounds;
}

for (const size of [1, 100, 1000]) {
  const body = JSON.stringify({ messages: Array.from({ length: size }, (_, i) => message(i)), next: "abc" });
  const fetch = cannedFetch(body);
  const cio = new CustomerIo({ apiKey: "bench-key", baseUrl: "http://127.0.0.1:9", fetch, retry: false });
  const url = "http://127.0.0.1:9/v1/messages?limit=100";
  const raw = () => fetch(url, { headers: { Authorization: "Bearer bench-key" } }).then((r) => r.text()).then(JSON.parse);
  const client = () => cio.getMessages({ limit: 100 });
  // Alternate to spread machine noise over both.
  let rawMs = 0;
  let clientMs = 0;
  for (let pass = 0; pass < 3; pass++) {
    rawMs += await time("raw", raw);
    clientMs += await time("client", client);
  }
  console.log(`getMessages, ${String(size).padStart(4)} messages/page (${(body.length / 1024).toFixed(0)} KB): raw fetch ${(rawMs / 3 * 1000).toFixed(0)} µs, client ${(clientMs / 3 * 1000).toFixed(0)} µs, ratio ${(clientMs / rawMs).toFixed(2)}`);
}
