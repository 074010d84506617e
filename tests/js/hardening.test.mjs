// The small holes of issue 12, closed, as a user sees them through the built package:
// every string an error carries is redacted, bad baseUrls and keys are refused at construction,
// a transport error that cannot succeed is not retried, and network errors say why.
// node --test tests/js/hardening.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import {
  API_KEY, CustomerIo, ORIGIN, FAST_RETRY, errorDump, rejects, setup, throwsSync,
} from "./helpers.mjs";

/** Asserts that nothing reachable from the error (message, field, errors[]) contains the key. */
function assertKeyNowhere(error) {
  assert.ok(!errorDump(error).includes(API_KEY), errorDump(error));
  assert.ok(!String(error.field ?? "").includes(API_KEY), `field ${error.field}`);
}

describe("the key used as a parameter name is redacted everywhere", () => {
  test("a top-level parameter named by the key: field and message are redacted", async () => {
    const { cio } = setup();
    const error = await rejects(cio.getMessages({ [API_KEY]: 1 }), "invalid_params");
    assert.match(error.field, /\[REDACTED\]/);
    assertKeyNowhere(error);
  });

  test("inside recipients and per_user_data", async () => {
    const { cio } = setup();
    const inFilter = await rejects(
      cio.triggerBroadcast({ broadcast_id: 11, recipients: { and: [{ [API_KEY]: {} }] } }), "invalid_params");
    assertKeyNowhere(inFilter);
    const inEntry = await rejects(
      cio.triggerBroadcast({ broadcast_id: 11, per_user_data: [{ id: "a", [API_KEY]: 1 }] }), "invalid_params");
    assert.match(inEntry.field, /\[REDACTED\]/);
    assertKeyNowhere(inEntry);
  });

  test("an unknown client or call option named by the key", async () => {
    const error = throwsSync(() => new CustomerIo({ apiKey: API_KEY, baseUrl: ORIGIN, [API_KEY]: true }), "invalid_params");
    assertKeyNowhere(error);
    const call = await rejects(setup().cio.getSegments({}, { [API_KEY]: 1 }), "invalid_params");
    assertKeyNowhere(call);
  });

  test("the API's own errors[].code and errors[].pointer are redacted", async () => {
    const { cio, sandbox } = setup();
    sandbox.inject({
      kind: "status", status: 422, path: "/v1/campaigns/11/triggers",
      body: { errors: [{ detail: "bad", status: "422", code: `code-${API_KEY}`, source: { pointer: `/data/${API_KEY}` } }] },
    });
    const error = await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }), "api_error");
    assert.equal(error.errors[0].code, "code-[REDACTED]");
    assert.equal(error.errors[0].pointer, "/data/[REDACTED]");
    assertKeyNowhere(error);
  });
});

describe("baseUrl refusals say why, and never echo the value", () => {
  const cases = [
    ["http://user:s3cr3t-pass@127.0.0.1:4010", /credentials/],
    ["http://127.0.0.1:4010/\u0000x", /control character/],
    ["http://127.0.0.1\n:4010", /control character/],
    ["http://evil.example\\@api.customer.io", /backslash/],
    ["http://127.0.0.1:99999", /invalid port/],
    ["http://127.0.0.1:0", /invalid port/],
    ["http://127.0.0.1:40a0", /invalid port/],
    ["http://127.0.0.1:", /invalid port/],
  ];
  for (const [baseUrl, why] of cases) {
    test(`refuses ${JSON.stringify(baseUrl)}`, () => {
      const error = throwsSync(() => new CustomerIo({ apiKey: API_KEY, baseUrl }), "invalid_params", "baseUrl");
      assert.match(error.message, why);
      assert.ok(!error.message.includes("s3cr3t-pass"), error.message);
    });
  }

  test("still accepts origins with ports, IPv6 hosts and path prefixes", () => {
    for (const baseUrl of ["http://127.0.0.1:4010", "http://[::1]:4010", "https://proxy.example/customerio", "http://localhost:65535/"]) {
      assert.doesNotThrow(() => new CustomerIo({ apiKey: API_KEY, baseUrl }), baseUrl);
    }
  });
});

describe("a key that cannot be a header", () => {
  test("is refused at construction, at apiKey, without reaching the network", () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      throw new Error("must not be called");
    };
    const error = throwsSync(() => new CustomerIo({ apiKey: "cio_key_\u201Cquoted\u201D", baseUrl: ORIGIN, fetch }), "invalid_params", "apiKey");
    assert.match(error.message, /header/);
    assert.ok(!error.message.includes("quoted"), error.message);
    assert.equal(calls, 0);
  });

  test("a Latin-1 key is still accepted", () => {
    assert.doesNotThrow(() => new CustomerIo({ apiKey: "cio_key_caf\u00e9", baseUrl: ORIGIN }));
  });
});

describe("transport errors", () => {
  test("an invalid header (a fetch wrapper adding a non-Latin-1 value) is not retried", async () => {
    let calls = 0;
    const cio = new CustomerIo({
      apiKey: API_KEY, baseUrl: "http://127.0.0.1:9", retry: { ...FAST_RETRY, maxRetries: 3 },
      fetch: (url, init) => {
        calls += 1;
        return globalThis.fetch(url, { ...init, headers: { ...init.headers, "x-trace": "caf\u00e9 \u2615" } });
      },
    });
    const error = await rejects(cio.getSegments(), "network_error");
    assert.equal(calls, 1);
    assert.match(error.message, /cannot be sent/);
  });

  test("a refused scheme (a wrapper rewriting the URL) is not retried", async () => {
    let calls = 0;
    const cio = new CustomerIo({
      apiKey: API_KEY, baseUrl: ORIGIN, retry: { ...FAST_RETRY, maxRetries: 3 },
      fetch: (url, init) => {
        calls += 1;
        return globalThis.fetch(url.replace(/^https:/, "ftp:"), init);
      },
    });
    const error = await rejects(cio.getSegments(), "network_error");
    assert.equal(calls, 1);
    assert.match(error.message, /unknown scheme/);
  });

  test("a dropped connection is still retried", async () => {
    const { makeClient, sandbox } = setup();
    sandbox.inject({ kind: "drop", path: "/v1/segments" });
    await makeClient().getSegments();
    assert.equal(sandbox.requests.length, 2);
  });

  test("a refused connection says ECONNREFUSED and the host", async () => {
    const port = await closedPort();
    const cio = new CustomerIo({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, retry: false });
    const error = await rejects(cio.getSegments(), "network_error");
    assert.match(error.message, new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
  });

  test("a DNS failure says ENOTFOUND and the host", async () => {
    // A fetch that fails as Node's does when DNS has no answer (no lookup leaves the machine).
    const cause = Object.assign(new Error("getaddrinfo ENOTFOUND api.customer.io"), { code: "ENOTFOUND", hostname: "api.customer.io" });
    const cio = new CustomerIo({
      apiKey: API_KEY, retry: false,
      fetch: async () => {
        throw new TypeError("fetch failed", { cause });
      },
    });
    const error = await rejects(cio.getSegments(), "network_error");
    assert.equal(error.message, "the request failed: fetch failed (ENOTFOUND api.customer.io)");
  });
});

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a newcomer pointing the client at the sandbox with their own key", () => {
  test("gets an error that says the sandbox expects its own key, and which", async () => {
    const { createSandbox, serveSandbox } = await import("./helpers.mjs");
    const sandbox = createSandbox();
    const server = await serveSandbox(sandbox, { port: 0, host: "127.0.0.1" });
    try {
      const cio = new CustomerIo({ apiKey: "my-real-customerio-key", baseUrl: server.url });
      const error = await rejects(cio.getSegments(), "unauthorized");
      assert.match(error.message, /customerio-wasm sandbox/);
      assert.match(error.message, /"sandbox-key"/);
      assert.ok(!error.message.includes("my-real-customerio-key"));
      const fixed = new CustomerIo({ apiKey: "sandbox-key", baseUrl: server.url });
      assert.ok((await fixed.getSegments()).segments.length > 0);
    } finally {
      await server.close();
    }
  });

  test("a sandbox with a chosen key does not echo it", async () => {
    const { createSandbox } = await import("./helpers.mjs");
    const sandbox = createSandbox({ apiKey: API_KEY });
    const cio = new CustomerIo({ apiKey: "my-real-customerio-key", baseUrl: ORIGIN, fetch: sandbox.fetch, retry: false });
    const error = await rejects(cio.getSegments(), "unauthorized");
    assert.match(error.message, /the key it was started with/);
    assert.ok(!error.message.includes(API_KEY));
  });
});
