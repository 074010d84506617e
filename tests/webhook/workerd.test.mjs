// verifyWebhook inside workerd (Miniflare), through the package's workerd entry: the same cases
// as node.test.mjs, signed with Node's crypto here and verified with WebCrypto in the Worker.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { PACKAGE_NAME, PKG_DIR, exportTarget, importClosure, makeProject } from "../runtime/shared.mjs";
import { assertCaseResult, cases } from "./cases.mjs";

const WORKER = `
import { verifyWebhook, CustomerIoError } from ${JSON.stringify(PACKAGE_NAME)};
import { runCase } from "./run-case.mjs";
export default {
  async fetch(request) {
    const list = await request.json();
    const results = [];
    for (const item of list) results.push(await runCase(verifyWebhook, CustomerIoError, item));
    return Response.json({ results, userAgent: navigator.userAgent });
  },
};
`;

const list = cases();
let project;
let mf;
let answer;

before(async () => {
  project = makeProject();
  const root = project.dir;
  const target = exportTarget("workerd");
  const packageDir = join(root, "node_modules", PACKAGE_NAME);
  mf = new Miniflare({
    modules: [
      { type: "ESModule", path: join(root, "worker.mjs"), contents: WORKER },
      { type: "ESModule", path: join(root, "run-case.mjs"), contents: readFileSync(new URL("./run-case.mjs", import.meta.url), "utf8") },
      { type: "ESModule", path: join(root, PACKAGE_NAME), contents: `export * from "./node_modules/${PACKAGE_NAME}/${target.slice(2)}";\n` },
      ...importClosure(target).files.map((file) => ({
        type: file.endsWith(".wasm") ? "CompiledWasm" : "ESModule",
        path: join(packageDir, file),
        contents: readFileSync(join(PKG_DIR, file)),
      })),
    ],
    modulesRoot: root,
    compatibilityDate: "2025-09-01",
    cf: false,
  });
  const response = await mf.dispatchFetch("http://localhost/", { method: "POST", body: JSON.stringify(list) });
  const text = await response.text();
  assert.equal(response.status, 200, text.slice(0, 2000));
  answer = JSON.parse(text);
});

after(async () => {
  await mf?.dispose();
  project?.remove();
});

test("the cases ran inside workerd", () => {
  assert.equal(answer.userAgent, "Cloudflare-Workers");
  assert.equal(answer.results.length, list.length);
});

list.forEach((item, index) => {
  test(`workerd: ${item.name}`, () => {
    const result = answer.results[index];
    assertCaseResult(item, result);
  });
});
