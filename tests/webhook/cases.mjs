// verifyWebhook cases, signed with Node's `crypto` (independently of the package's WebCrypto
// path), run in Node (node.test.mjs) and inside workerd (workerd.test.mjs). A case is plain
// JSON so that it can cross into a Worker: the body is text or base64 bytes, the headers a plain
// object or pairs for a `Headers`.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";

export const NOW = 1_700_000_000;
const BODY = '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"customer.created","data":{"object":{"email":"road@runner.net"}}}';
export const SECRETS = {
  customerio: "cio-reporting-signing-key",
  standard: `whsec_${Buffer.from("standard-webhooks-key-bytes-0123").toString("base64")}`,
  stripe: "whsec_stripe_endpoint_secret_value",
  github: "github-webhook-secret",
  shopify: "shopify-app-client-secret",
};
/** Distinctive, so a test can check that no error message carries a secret. */
export const ALL_SECRETS = Object.values(SECRETS);

const hmac = (key, message) => createHmac("sha256", key).update(message).digest();

/** The headers a sender of `scheme` puts on `body` signed with `secret` at `ts`. */
export function sign(scheme, { body = BODY, secret = SECRETS[scheme], ts = NOW, id = "msg_2Kx9", delivery } = {}) {
  switch (scheme) {
    case "customerio":
      return { "X-CIO-Timestamp": String(ts), "X-CIO-Signature": hmac(secret, `v0:${ts}:${body}`).toString("hex") };
    case "standard": {
      const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
      return { "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": `v1,${hmac(key, `${id}.${ts}.${body}`).toString("base64")}` };
    }
    case "stripe":
      return { "Stripe-Signature": `t=${ts},v1=${hmac(secret, `${ts}.${body}`).toString("hex")}` };
    case "github":
      return { "X-Hub-Signature-256": `sha256=${hmac(secret, body).toString("hex")}`, "X-GitHub-Delivery": delivery ?? "72d3162e-cc78-11e3-81ab-4c9367dc0958" };
    case "shopify":
      return { "X-Shopify-Hmac-Sha256": hmac(secret, body).toString("base64"), "X-Shopify-Webhook-Id": delivery ?? "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" };
    default:
      throw new Error(`no scheme ${scheme}`);
  }
}

const SIGNATURE_HEADER = {
  customerio: "X-CIO-Signature", standard: "webhook-signature", stripe: "Stripe-Signature",
  github: "X-Hub-Signature-256", shopify: "X-Shopify-Hmac-Sha256",
};
const TIMESTAMP_HEADER = { customerio: "X-CIO-Timestamp", standard: "webhook-timestamp", stripe: "Stripe-Signature" };
const EXPECTED_ID = {
  customerio: null, standard: "msg_2Kx9", stripe: "evt_1NG8Du2eZvKYlo2CUI79vXWy",
  github: "72d3162e-cc78-11e3-81ab-4c9367dc0958", shopify: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
};
const MALFORMED = {
  customerio: { "X-CIO-Signature": "not hex" },
  standard: { "webhook-signature": "v1 without-a-comma" },
  stripe: { "Stripe-Signature": "v1=abcd" },
  github: { "X-Hub-Signature-256": "sha1=abcd" },
  shopify: { "X-Shopify-Hmac-Sha256": "%%% not base64" },
};

const ok = (scheme, ts = NOW) => ({ ok: { scheme, id: EXPECTED_ID[scheme], timestamp: TIMESTAMP_HEADER[scheme] ? ts : null } });
const refused = (code, field) => ({ code, field });
const options = (scheme, extra = {}) => ({ scheme, secret: SECRETS[scheme], now: NOW, ...extra });

/** Every case: `{ name, request: { headers, headersAs, body, bodyAs }, options, expect }`. */
export function cases() {
  const list = [];
  const add = (name, request, opts, expect) => list.push({ name, request: { headersAs: "object", bodyAs: "text", body: BODY, ...request }, options: opts, expect });
  for (const scheme of Object.keys(SECRETS)) {
    const headers = sign(scheme);
    const sig = SIGNATURE_HEADER[scheme];
    add(`${scheme}: a valid delivery verifies`, { headers }, options(scheme), ok(scheme));
    add(`${scheme}: a Headers object and a Uint8Array body verify`, { headers, headersAs: "Headers", bodyAs: "bytes" }, options(scheme), ok(scheme));
    add(`${scheme}: an ArrayBuffer body verifies`, { headers, bodyAs: "arraybuffer" }, options(scheme), ok(scheme));
    add(`${scheme}: a tampered body is invalid_signature`, { headers, body: BODY.replace("road@", "wile@") }, options(scheme), refused("invalid_signature", sig));
    add(`${scheme}: a re-serialized JSON body is invalid_signature`, { headers, body: JSON.stringify(JSON.parse(BODY), null, 1) }, options(scheme), refused("invalid_signature", sig));
    add(`${scheme}: the wrong secret is invalid_signature`, { headers: sign(scheme, { secret: scheme === "standard" ? `whsec_${Buffer.from("another-key").toString("base64")}` : "another secret" }) }, options(scheme), refused("invalid_signature", sig));
    add(`${scheme}: during rotation the second secret matches`, { headers }, options(scheme, { secret: [scheme === "standard" ? `whsec_${Buffer.from("the-new-key").toString("base64")}` : "the new secret", SECRETS[scheme]] }), ok(scheme));
    add(`${scheme}: a malformed signature header is invalid_signature`, { headers: { ...headers, ...MALFORMED[scheme] } }, options(scheme), refused("invalid_signature", sig));
    const missing = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== sig));
    add(`${scheme}: a missing signature header is invalid_signature`, { headers: missing }, options(scheme), refused("invalid_signature", sig));
    if (TIMESTAMP_HEADER[scheme]) {
      add(`${scheme}: a timestamp 301 s old is expired_signature`, { headers: sign(scheme, { ts: NOW - 301 }) }, options(scheme), refused("expired_signature", TIMESTAMP_HEADER[scheme]));
      add(`${scheme}: a timestamp 301 s ahead is expired_signature`, { headers: sign(scheme, { ts: NOW + 301 }) }, options(scheme), refused("expired_signature", TIMESTAMP_HEADER[scheme]));
      add(`${scheme}: toleranceSeconds widens the window`, { headers: sign(scheme, { ts: NOW - 1000 }) }, options(scheme, { toleranceSeconds: 1000 }), ok(scheme, NOW - 1000));
    }
  }
  add("github: GitHub's published test values verify",
    { body: "Hello, World!", headers: { "X-Hub-Signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" } },
    { scheme: "github", secret: "It's a Secret to Everybody" }, { ok: { scheme: "github", id: null, timestamp: null } });
  add("standard: the Standard Webhooks published vector verifies",
    { body: '{"test": 2432232314}', headers: { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" } },
    { scheme: "standard", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: 1614265330 }, { ok: { scheme: "standard", id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330 } });
  add("now given in milliseconds is refused with the seconds to pass", { headers: sign("stripe") }, options("stripe", { now: NOW * 1000 }), refused("invalid_timestamp", "now"));
  add("now as a Date is read as seconds", { headers: sign("stripe") }, { ...options("stripe"), now: { date: NOW * 1000 } }, ok("stripe"));
  add("an unknown scheme is invalid_params", { headers: sign("stripe") }, options("stripe", { scheme: "paypal" }), refused("invalid_params", "scheme"));
  add("a missing secret is invalid_params", { headers: sign("stripe") }, { scheme: "stripe" }, refused("invalid_params", "secret"));
  add("a parsed JSON body is invalid_params", { headers: sign("stripe"), bodyAs: "parsed" }, options("stripe"), refused("invalid_params", "body"));
  return list;
}

/** Asserts that `result` (what runCase resolved to) is what `item` expects, with no secret in a message. */
export function assertCaseResult(item, result) {
  if (item.expect.ok) {
    assert.deepEqual(result, { ok: item.expect.ok });
  } else {
    assert.equal(result.isError, true, `a CustomerIoError: ${JSON.stringify(result)}`);
    assert.deepEqual({ code: result.code, field: result.field }, item.expect, result.message);
    for (const secret of ALL_SECRETS) assert.ok(!result.message.includes(secret), "no secret in the message");
  }
}
