// The panic guard of the package entries: a trap of the wasm instance becomes a CustomerIoError
// "internal", and the aborted instance then fails fast. Driven with a stand-in class, since the
// core has no input that panics (the fuzz targets look for one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { guardMethods } from "../../pkg/guard.js";
import { CustomerIoError } from "../../pkg/entry-node.js";

function standIn() {
  class Fake {
    ok() { return "fine"; }
    trap() { throw new WebAssembly.RuntimeError("unreachable"); }
    async rejectTrap() { throw new WebAssembly.RuntimeError("unreachable"); }
    ordinary() { throw new TypeError("not ours"); }
  }
  let panic = "panicked at src/x.rs:1:1: boom";
  guardMethods(Fake, () => { const m = panic; panic = undefined; return m; });
  return Fake;
}

test("a trap becomes an internal CustomerIoError carrying the panic message", () => {
  const fake = new (standIn())();
  assert.equal(fake.ok(), "fine");
  assert.throws(() => fake.trap(), (e) => e instanceof CustomerIoError && e.code === "internal" && e.message.includes("boom"));
});

test("after a trap every call fails fast with internal", () => {
  const fake = new (standIn())();
  assert.throws(() => fake.trap());
  assert.throws(() => fake.ok(), (e) => e instanceof CustomerIoError && e.code === "internal" && e.message.includes("reload"));
});

test("an async trap rejects with internal", async () => {
  const fake = new (standIn())();
  await assert.rejects(fake.rejectTrap(), (e) => e instanceof CustomerIoError && e.code === "internal");
});

test("other errors pass through untouched and do not break the instance", () => {
  const fake = new (standIn())();
  assert.throws(() => fake.ordinary(), TypeError);
  assert.equal(fake.ok(), "fine");
});

test("a guarded function (verifyWebhook) shares the instance: a trap in it stops the methods too", async () => {
  class Fake {
    ok() { return "fine"; }
  }
  const { verify } = guardMethods(Fake, () => "panicked at src/webhook.rs:1:1: boom", {
    verify: async () => { throw new WebAssembly.RuntimeError("unreachable"); },
  });
  await assert.rejects(verify(), (e) => e instanceof CustomerIoError && e.code === "internal" && e.message.includes("boom"));
  assert.throws(() => new Fake().ok(), (e) => e instanceof CustomerIoError && e.code === "internal");
});
