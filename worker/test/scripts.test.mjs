// What the Worker takes from the package instead of restating it: `npm run sign` (worker/scripts/
// sign-delivery.mjs) writes each scheme's headers as customerio-wasm/rules names them, so what it
// sends verifies with verifyWebhook; and the Worker's spacing default is the client's.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { verifyWebhook } from "../../pkg/entry-node.js";
import { rules } from "../../pkg/rules.js";
import { SECRETS, WORKER_DIR, ensureWorkerLink } from "./harness.mjs";

const run = promisify(execFile);
/** Every delivery the script posted: `{ path, headers, body }`. */
const received = [];
let server;
let url;

before(async () => {
  ensureWorkerLink();
  server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"queued"}');
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

test("npm run sign sends a delivery that verifyWebhook accepts, in every scheme", async () => {
  for (const scheme of rules.webhookSchemes) {
    received.length = 0;
    await run(process.execPath, [join("scripts", "sign-delivery.mjs"), scheme, "--url", url, "--id", `sign-${scheme}`], {
      cwd: WORKER_DIR,
      env: { ...process.env, WEBHOOK_SECRETS: JSON.stringify(SECRETS) },
    });
    assert.equal(received.length, 1, `${scheme}: one delivery posted`);
    const [delivery] = received;
    assert.equal(delivery.path, `/hooks/${scheme}`);
    const verified = await verifyWebhook(
      { headers: new Headers(delivery.headers), body: delivery.body },
      { scheme, secret: SECRETS[scheme] },
    );
    assert.equal(verified.scheme, scheme);
    const names = rules.webhookHeaders[scheme];
    assert.ok(delivery.headers[names.signature.toLowerCase()], `${scheme}: ${names.signature} sent`);
    if (names.id.length > 0) assert.equal(verified.id, `sign-${scheme}`, `${scheme}: the delivery id travels in ${names.id[0]}`);
  }
});

test("the Worker spaces triggers by the client's default unless SPACING_MS says otherwise", async () => {
  ensureWorkerLink();
  const { settings } = await import("../../worker/src/settings.js");
  assert.equal(settings({}).spacingMs, rules.spacing.intervalMs);
  assert.equal(settings({ SPACING_MS: "2500" }).spacingMs, 2500);
});
