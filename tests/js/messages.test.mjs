// The message templates `customerio-wasm/table` exports are the ones the wasm words its errors
// from: a refusal thrown by the client reads as its template filled with the error's values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { messages } from "../../pkg/table.js";
import { rejects, setup } from "./helpers.mjs";

/** `template` with its `{name}` placeholders replaced by `values`, in order (as the core fills them). */
function fill(template, values) {
  let next = 0;
  return template.replace(/\{[a-z_]+\}/g, (placeholder) => (next < values.length ? String(values[next++]) : placeholder));
}

test("the table exports every message template by name, with named placeholders", () => {
  assert.ok(Object.keys(messages).length > 100);
  for (const [name, template] of Object.entries(messages)) {
    assert.match(name, /^[A-Z][A-Z0-9_]*$/);
    assert.equal(typeof template, "string");
    assert.ok(!template.includes("\u0001"), name);
  }
});

test("a refused id reads as the exported template filled with its field and what was given", async () => {
  const { cio } = setup();
  const error = await rejects(cio.getSegmentCount({ segment_id: "abc" }), "invalid_params", "segment_id");
  assert.equal(error.message, fill(messages.ID_POSITIVE, ["segment_id", 'the string "abc"']));
});

test("a limit out of range reads as the exported template filled with its bounds", async () => {
  const { cio } = setup();
  const error = await rejects(cio.getMessages({ limit: 5000 }), "invalid_params", "limit");
  assert.equal(error.message, fill(messages.LIMIT_RANGE, ["limit", 1, 1000, "the number 5000"]));
});

test("a number with a fraction is shown as JSON writes it", async () => {
  const { cio } = setup();
  const error = await rejects(cio.getSegmentCount({ segment_id: 1.5 }), "invalid_params", "segment_id");
  assert.equal(error.message, fill(messages.ID_POSITIVE, ["segment_id", "the number 1.5"]));
});
