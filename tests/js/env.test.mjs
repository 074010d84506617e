// CustomerIo.fromEnv: the client from CUSTOMERIO_APP_API_KEY, CUSTOMERIO_REGION and
// CUSTOMERIO_BASE_URL, the one constructor the MCP server and the Worker use.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CustomerIo, CustomerIoError } from "../../pkg/entry-node.js";

const KEY = "cio_env_SECRET_key_91c2";

function capturingFetch() {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url, authorization: new Headers(init.headers).get("authorization") });
    return new Response(JSON.stringify({ segments: [] }), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

test("fromEnv sends the key of CUSTOMERIO_APP_API_KEY to the US origin by default", async () => {
  const { seen, fetch } = capturingFetch();
  const cio = CustomerIo.fromEnv({ CUSTOMERIO_APP_API_KEY: KEY }, { fetch });
  await cio.getSegments({});
  assert.equal(seen.length, 1);
  assert.equal(seen[0].url, "https://api.customer.io/v1/segments");
  assert.equal(seen[0].authorization, `Bearer ${KEY}`);
});

test("fromEnv reads the region and the base URL, the base URL winning as in the constructor", () => {
  const eu = CustomerIo.fromEnv({ CUSTOMERIO_APP_API_KEY: KEY, CUSTOMERIO_REGION: "eu" });
  assert.match(eu.prepare("getSegments", {}).url, /^https:\/\/api-eu\.customer\.io\/v1\/segments$/);
  const local = CustomerIo.fromEnv({ CUSTOMERIO_APP_API_KEY: KEY, CUSTOMERIO_REGION: "eu", CUSTOMERIO_BASE_URL: "http://127.0.0.1:4010" });
  assert.equal(local.prepare("getSegments", {}).url, "http://127.0.0.1:4010/v1/segments");
});

test("fromEnv trims a pasted key and leaves out blank variables", async () => {
  const { seen, fetch } = capturingFetch();
  const cio = CustomerIo.fromEnv({ CUSTOMERIO_APP_API_KEY: `  ${KEY}\n`, CUSTOMERIO_REGION: "", CUSTOMERIO_BASE_URL: " " }, { fetch });
  await cio.getSegments({});
  assert.equal(seen[0].authorization, `Bearer ${KEY}`);
  assert.equal(seen[0].url, "https://api.customer.io/v1/segments");
});

test("fromEnv without a key throws invalid_params naming CUSTOMERIO_APP_API_KEY", () => {
  for (const env of [{}, { CUSTOMERIO_APP_API_KEY: "" }, { CUSTOMERIO_APP_API_KEY: "   " }]) {
    assert.throws(() => CustomerIo.fromEnv(env), (error) => {
      assert.ok(error instanceof CustomerIoError);
      assert.equal(error.code, "invalid_params");
      assert.equal(error.field, "CUSTOMERIO_APP_API_KEY");
      assert.match(error.message, /CUSTOMERIO_APP_API_KEY is not set/);
      return true;
    });
  }
});

test("fromEnv names the variable of a refused region, without the key", () => {
  assert.throws(() => CustomerIo.fromEnv({ CUSTOMERIO_APP_API_KEY: KEY, CUSTOMERIO_REGION: "mars" }), (error) => {
    assert.ok(error instanceof CustomerIoError);
    assert.equal(error.code, "invalid_params");
    assert.equal(error.field, "CUSTOMERIO_REGION");
    assert.match(error.message, /^CUSTOMERIO_REGION: /);
    assert.ok(!error.message.includes(KEY));
    return true;
  });
});

test("fromEnv's options are added to the environment's and win over it", async () => {
  const { seen, fetch } = capturingFetch();
  const cio = CustomerIo.fromEnv({ CUSTOMERIO_APP_API_KEY: "from-env", CUSTOMERIO_REGION: "mars" }, { apiKey: KEY, region: "eu", fetch });
  await cio.getSegments({});
  assert.equal(seen[0].authorization, `Bearer ${KEY}`);
  assert.equal(seen[0].url, "https://api-eu.customer.io/v1/segments");
});

test("fromEnv reads process.env when no env is given", () => {
  const saved = process.env.CUSTOMERIO_APP_API_KEY;
  process.env.CUSTOMERIO_APP_API_KEY = KEY;
  try {
    assert.ok(CustomerIo.fromEnv() instanceof CustomerIo);
  } finally {
    if (saved === undefined) delete process.env.CUSTOMERIO_APP_API_KEY;
    else process.env.CUSTOMERIO_APP_API_KEY = saved;
  }
});
