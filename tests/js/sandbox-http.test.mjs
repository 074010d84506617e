// The sandbox served over HTTP defends itself like a local dev server: a body cap (413), a
// bounded request log, a Host check against DNS rebinding (421), 400 for a body nested too deep,
// 405 for methods it does not serve, and a --cors help text that says what it opens.
// node --test tests/js/sandbox-http.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { createSandbox } from "../../pkg-template/sandbox/index.js";
import { serveSandbox } from "../../pkg-template/sandbox/server.js";

const SERVER_JS = fileURLToPath(new URL("../../pkg-template/sandbox/server.js", import.meta.url));

/** A raw HTTP exchange (fetch cannot send a forged Host or an arbitrary method). */
function raw(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => { text += chunk; });
      response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

async function withServer(options, run) {
  const sandbox = createSandbox(options.sandbox ?? {});
  const server = await serveSandbox(sandbox, { port: 0, ...options.serve });
  try {
    await run({ sandbox, url: server.url, auth: { authorization: `Bearer ${sandbox.apiKey}` } });
  } finally {
    await server.close();
  }
}

describe("sandbox over HTTP", () => {
  test("a body above maxBodyBytes is answered 413, declared or streamed, and not logged", async () => {
    await withServer({ serve: { maxBodyBytes: 1000 } }, async ({ sandbox, url, auth }) => {
      const body = JSON.stringify({ ids: ["x".repeat(2000)] });
      const declared = await fetch(`${url}/v1/campaigns/11/triggers`, {
        method: "POST", headers: { ...auth, "content-type": "application/json" }, body,
      });
      assert.equal(declared.status, 413);
      assert.match((await declared.json()).errors[0].detail, /larger than 1000 bytes/);
      const chunked = await raw(`${url}/v1/campaigns/11/triggers`, {
        method: "POST", headers: { ...auth, "content-type": "application/json", "transfer-encoding": "chunked" }, body,
      });
      assert.equal(chunked.status, 413);
      assert.equal(sandbox.requests.length, 0);
    });
  });

  test("the request log is bounded, and unauthenticated bodies are not kept", async () => {
    const sandbox = createSandbox({ maxLoggedRequests: 5 });
    for (let i = 0; i < 12; i += 1) {
      await sandbox.fetch(`http://sandbox.test/v1/segments?i=${i}`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } });
    }
    assert.equal(sandbox.requests.length, 5);
    assert.deepEqual(sandbox.requests.map((record) => record.query.i), ["7", "8", "9", "10", "11"]);
    await sandbox.fetch("http://sandbox.test/v1/campaigns/11/triggers", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ids: ["a"] }),
    });
    const last = sandbox.requests.at(-1);
    assert.equal(last.authorized, false);
    assert.equal(last.bodyText, null);
    assert.equal(last.body, null);
  });

  test("a Host that is not a loopback name is refused (421) before reaching the sandbox", async () => {
    await withServer({}, async ({ sandbox, url, auth }) => {
      const rebound = await raw(`${url}/v1/segments`, { headers: { ...auth, host: "attacker.example:4010" } });
      assert.equal(rebound.status, 421);
      assert.match(JSON.parse(rebound.text).errors[0].detail, /DNS rebinding/);
      assert.equal(sandbox.requests.length, 0);
      for (const host of [new URL(url).host, `localhost:${new URL(url).port}`]) {
        assert.equal((await raw(`${url}/v1/segments`, { headers: { ...auth, host } })).status, 200, host);
      }
    });
  });

  test("a body nested too deep is a 400, not a 500", async () => {
    await withServer({}, async ({ url, auth }) => {
      const depth = 20_000;
      const recipients = `${'{"not":'.repeat(depth)}{"segment":{"id":3}}${"}".repeat(depth)}`;
      const answer = await fetch(`${url}/v1/campaigns/11/triggers`, {
        method: "POST", headers: { ...auth, "content-type": "application/json" }, body: `{"recipients":${recipients}}`,
      });
      assert.equal(answer.status, 400);
      assert.match((await answer.json()).errors[0].detail, /nested deeper than 64 levels/);
    });
  });

  test("methods it does not serve are answered 405 with Allow", async () => {
    await withServer({}, async ({ sandbox, url, auth }) => {
      for (const method of ["PUT", "DELETE", "PATCH", "TRACE", "HEAD"]) {
        const answer = await raw(`${url}/v1/segments`, { method, headers: auth });
        assert.equal(answer.status, 405, method);
        assert.equal(answer.headers.allow, "GET, POST");
      }
      assert.equal(sandbox.requests.length, 0);
    });
  });

  test("--help says that --cors lets any web page drive the sandbox", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [SERVER_JS, "--help"]);
    assert.match(stdout, /--cors/);
    assert.match(stdout, /ANY web page/);
  });
});
