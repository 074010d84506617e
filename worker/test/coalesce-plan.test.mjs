// The merge rules of coalescing (worker/src/coalesce.js), one per test: which waiting deliveries
// share a trigger, and the trigger they make. Pure functions: no Worker, no network.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ensureWorkerLink } from "./harness.mjs";

// worker/src resolves customerio-wasm through worker/node_modules (what `npm install` makes in
// the starter): the link must exist before the module is loaded, so it is imported after.
ensureWorkerLink();
const { attributeError, planBatch, soloReason } = await import("../../worker/src/coalesce.js");

const d = (params, merge) => ({ params: { broadcast_id: 7, ...params }, merge });
const ids = (id, data) => d({ ids: [id], ...(data ? { data } : {}) });

test("deliveries by id with the same data share the trigger's data, each person an entry", () => {
  const plan = planBatch([ids("a", { sale: "x" }), ids("b", { sale: "x" })]);
  assert.equal(plan.count, 2);
  assert.deepEqual(plan.params, { broadcast_id: 7, per_user_data: [{ id: "a" }, { id: "b" }], id_ignore_missing: true, email_ignore_missing: true, data: { sale: "x" } });
});

test("equal data in another key order counts as the same data", () => {
  const plan = planBatch([ids("a", { x: 1, y: 2 }), ids("b", { y: 2, x: 1 })]);
  assert.deepEqual(plan.params.data, { x: 1, y: 2 });
});

test("different data is copied into each person's data, with no trigger-level data left", () => {
  const plan = planBatch([ids("a", { order: 1 }), ids("b", { order: 2 }), d({ emails: ["c@x.io"], data: { order: 3 } })]);
  assert.equal(plan.count, 3);
  assert.equal("data" in plan.params, false);
  assert.deepEqual(plan.params.per_user_data, [{ id: "a", data: { order: 1 } }, { id: "b", data: { order: 2 } }, { email: "c@x.io", data: { order: 3 } }]);
});

test("per-person data is kept, and the delivery's data joins it when the data differ", () => {
  const a = d({ per_user_data: [{ id: "a", data: { n: 1 } }], data: { total: "5" } });
  const b = d({ per_user_data: [{ email: "b@x.io", data: { n: 2 } }], data: { total: "9" } });
  assert.deepEqual(planBatch([a, b]).params.per_user_data, [{ id: "a", data: { total: "5", n: 1 } }, { email: "b@x.io", data: { total: "9", n: 2 } }]);
});

test("different data whose key is also in a person's data keeps its own trigger (which one wins is not documented)", () => {
  const a = d({ per_user_data: [{ id: "a", data: { total: "1" } }], data: { total: "5" } });
  const b = d({ per_user_data: [{ id: "b" }], data: { total: "9" } });
  assert.equal(planBatch([a, b]).count, 1);
  // With the same trigger data nothing moves, so the clash does not matter.
  assert.equal(planBatch([a, d({ per_user_data: [{ id: "b" }], data: { total: "5" } })]).count, 2);
});

test("a recipients filter, a data file, the default audience and email_add_duplicates never merge", () => {
  for (const params of [{ recipients: { segment: { id: 3 } } }, { data_file_url: "https://x.io/f.jsonl" }, {}, { emails: ["a@x.io"], email_add_duplicates: true }]) {
    assert.ok(soloReason({ broadcast_id: 7, ...params }), JSON.stringify(params));
    const plan = planBatch([d(params), ids("b")]);
    assert.equal(plan.count, 1);
    assert.deepEqual(plan.params, { broadcast_id: 7, ...params }, "a solo delivery is sent as it is");
  }
});

test("a delivery that cannot merge ends the batch: the ones after it wait, in arrival order", () => {
  const plan = planBatch([ids("a"), ids("b"), d({ recipients: { segment: { id: 3 } } }), ids("c")]);
  assert.equal(plan.count, 2);
});

test("a rule with coalesce false gives its deliveries their own trigger", () => {
  assert.equal(planBatch([d({ ids: ["a"] }, { coalesce: false }), ids("b")]).count, 1);
  assert.equal(planBatch([ids("a"), d({ ids: ["b"] }, { coalesce: false })]).count, 1);
});

test("a person in two waiting deliveries: by default the later one waits for the next trigger", () => {
  const plan = planBatch([ids("a", { n: 1 }), ids("b", { n: 2 }), ids("a", { n: 3 })]);
  assert.equal(plan.count, 2);
  // The same address in another case is the same person.
  assert.equal(planBatch([d({ emails: ["A@x.io"] }), d({ emails: ["a@X.io"] })]).count, 1);
});

test("with repeat_person once, the repeated person is left out of the later delivery", () => {
  const plan = planBatch([ids("a", { n: 1 }), d({ ids: ["a", "c"], data: { n: 2 } }, { repeat: "once" })]);
  assert.equal(plan.count, 2);
  assert.deepEqual(plan.params.per_user_data, [{ id: "a", data: { n: 1 } }, { id: "c", data: { n: 2 } }]);
  assert.deepEqual(plan.members[1].repeats, [{ id: "a" }]);
});

test("at most maxPeople people per trigger: the rest go in the next window", () => {
  const waiting = Array.from({ length: 7 }, (_, i) => ids(`p${i}`));
  assert.equal(planBatch(waiting, { maxPeople: 3 }).count, 3);
  assert.equal(planBatch(Array.from({ length: 10_001 }, (_, i) => ids(`p${i}`))).count, 10_000);
});

test("at most maxBytes of payload per trigger", () => {
  const waiting = Array.from({ length: 50 }, (_, i) => ids(`p${i}`, { note: "x".repeat(1000), n: i }));
  const plan = planBatch(waiting, { maxBytes: 10_000 });
  assert.ok(plan.count > 1 && plan.count < 50, String(plan.count));
  assert.ok(new TextEncoder().encode(JSON.stringify(plan.params)).length <= 10_000);
});

test("a lone delivery is sent exactly as its rule mapped it: no flags added", () => {
  const plan = planBatch([ids("a", { n: 1 })]);
  assert.deepEqual(plan.params, { broadcast_id: 7, ids: ["a"], data: { n: 1 } });
});

test("an error line is attributed to the delivery whose person it names, else by its line number", () => {
  const members = [{ carried: [{ id: "a" }, { id: "b" }] }, { carried: [{ email: "c@x.io" }] }];
  assert.equal(attributeError('line 9: customer with id "b" does not exist', members), 0);
  assert.equal(attributeError('line 1: customer with email "C@X.io" does not exist', members), 1);
  assert.equal(attributeError("line 3: invalid JSON", members), 1);
  assert.equal(attributeError("something else", members), undefined);
});
