// Coalescing: when a spacing window opens and several deliveries wait for the same broadcast, the
// queue sends them as one trigger whose audience is the union of theirs, each person keeping the
// data their own delivery mapped (README "Deploy the webhook Worker", "One trigger carries many
// deliveries"). Pure functions: which waiting deliveries go together, and the trigger they make.
//
// What Customer.io's reference says, and what follows from it:
// - A trigger's `data` is read in Liquid as {{trigger.<key>}}, and so is a `per_user_data`
//   entry's `data`, for that person
//   (https://docs.customer.io/integrations/api/app/tag/send-messages/triggerBroadcast/,
//   https://docs.customer.io/journeys/previewing-broadcast-data/). Which one wins when both carry
//   the same key is not documented [I]: a delivery whose trigger data and person data share a key
//   is never moved into person data.
// - One trigger carries at most 10 000 `ids`, `emails` or `per_user_data` entries, and the whole
//   payload at most 25 MB (the triggerBroadcast page's limits).
// - A person missing from the workspace fails the whole broadcast unless `id_ignore_missing` /
//   `email_ignore_missing` is true; then the broadcast skips them (the same page). A coalesced
//   trigger sets both, and the queue reads the trigger's errors back (getTriggerErrors) and
//   records each on the delivery it came from, so one delivery's bad person fails no other.
//
// Merge rules (a delivery that breaks one keeps its own trigger; batches keep arrival order):
// - only `ids`, `emails` and `per_user_data` audiences merge; `recipients`, `data_file_url` and
//   the default audience never do, nor a delivery whose params set `email_add_duplicates` (it
//   changes how its addresses resolve), nor one of a rule with `"coalesce": false`;
// - deliveries with the same trigger-level `data` share it as the trigger's `data`;
// - deliveries with different `data` merge only by copying each one's `data` into each of its
//   people's `data`, with no trigger-level `data` left: only when no delivery of the batch has a
//   key in both its trigger data and a person's data;
// - a person already in the batch (same id, or same email ignoring case) ends the batch: the
//   later delivery goes in the next window, so the person receives one message per delivery, as
//   one by one. A rule with `"repeat_person": "once"` instead leaves the person out of the later
//   delivery (recorded on it as `repeat_people`): they receive one message, with the first data.

import { operations } from "customerio-wasm/table";

/** The API's most people per trigger (ids, emails, per_user_data entries), from the package's table. */
export const MAX_PEOPLE = Math.min(
  ...operations.find((op) => op.name === "triggerBroadcast").params
    .filter((p) => ["ids", "emails", "per_user_data"].includes(p.name)).map((p) => p.kind.max),
);
/** The API's largest trigger payload (25 MB). */
export const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

const encoder = new TextEncoder();
/** UTF-8 bytes of a value as JSON (the text's length when it is ASCII, the common case). */
function byteLength(value) {
  const text = JSON.stringify(value);
  return /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length;
}

/** The people of a delivery's params as per_user_data entries, or undefined for other audiences. */
export function peopleOf(params) {
  if (Array.isArray(params?.per_user_data)) return params.per_user_data;
  if (Array.isArray(params?.ids)) return params.ids.map((id) => ({ id }));
  if (Array.isArray(params?.emails)) return params.emails.map((email) => ({ email }));
  return undefined;
}

/** How many people a delivery names (0 for an audience the API resolves itself). */
export function peopleCount(params) {
  return peopleOf(params)?.length ?? 0;
}

/** Why a delivery keeps its own trigger, or undefined when it may merge. */
export function soloReason(params, merge = {}) {
  if (merge.coalesce === false) return "the rule turns coalescing off";
  if (peopleOf(params) === undefined) return "its audience (recipients, data_file_url or the default) cannot merge";
  if ("email_add_duplicates" in params) return "it sets email_add_duplicates";
  return undefined;
}

/** A person's identity for repeats: `id:<id>` or `email:<lower-case email>`. */
export function personKey(entry) {
  return "id" in entry ? `id:${entry.id}` : `email:${String(entry.email).toLowerCase()}`;
}

/** JSON with object keys sorted, so that equal data compare equal whatever its key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Whether a delivery's trigger data can be copied into each of its people's data unchanged. */
function copyable(params, people) {
  const keys = Object.keys(params.data ?? {});
  return people.every((entry) => entry.data === undefined || keys.every((key) => !Object.hasOwn(entry.data, key)));
}

/** A person entry as the coalesced trigger sends it. */
function entryFor(entry, params, copied) {
  if (!copied || Object.keys(params.data ?? {}).length === 0) return entry;
  return { ...entry, data: { ...params.data, ...(entry.data ?? {}) } };
}

/**
 * The waiting deliveries (`{ params, merge }`, in queue order, head first) that go in the next
 * trigger: how many of them (a prefix: arrival order is kept), the trigger's params, and for each
 * member the people it carries and those left out as repeats. One member: its own params, as is.
 */
export function planBatch(waiting, { maxPeople = MAX_PEOPLE, maxBytes = MAX_PAYLOAD_BYTES } = {}) {
  const [head] = waiting;
  const solo = { count: 1, params: head.params, members: [{ carried: peopleOf(head.params) ?? [], repeats: [] }] };
  if (soloReason(head.params, head.merge) !== undefined) return solo;
  const shared = canonical(head.params.data ?? {});
  const seen = new Set();
  const members = [];
  let copied = false;
  let allCopyable = true;
  let people = 0;
  let sharedBytes = 0;
  let copiedBytes = 0;
  for (const { params, merge } of waiting) {
    if (soloReason(params, merge) !== undefined) break;
    const entries = peopleOf(params);
    const sameData = canonical(params.data ?? {}) === shared;
    const canCopy = copyable(params, entries);
    // Different data, once moved into person data, stays there for every later member too.
    if ((copied || !sameData) && !(allCopyable && canCopy)) break;
    const repeats = entries.filter((entry) => seen.has(personKey(entry)));
    if (repeats.length > 0 && merge?.repeat !== "once") break;
    const carried = repeats.length === 0 ? entries : entries.filter((entry) => !seen.has(personKey(entry)));
    if (members.length > 0 && people + carried.length > maxPeople) break;
    const addShared = carried.reduce((n, entry) => n + byteLength(entry) + 1, 0);
    const addCopied = carried.reduce((n, entry) => n + byteLength(entryFor(entry, params, true)) + 1, 0);
    const nextCopied = copied || !sameData;
    const base = nextCopied ? 0 : byteLength(head.params.data ?? {});
    if (members.length > 0 && base + (nextCopied ? copiedBytes + addCopied : sharedBytes + addShared) + 200 > maxBytes) break;
    for (const entry of carried) seen.add(personKey(entry));
    members.push({ params, carried, repeats });
    allCopyable &&= canCopy;
    copied = nextCopied;
    people += carried.length;
    sharedBytes += addShared;
    copiedBytes += addCopied;
  }
  if (members.length <= 1) return solo;
  const perUserData = members.flatMap((m) => m.carried.map((entry) => entryFor(entry, m.params, copied)));
  const params = {
    broadcast_id: head.params.broadcast_id,
    per_user_data: perUserData,
    id_ignore_missing: true,
    email_ignore_missing: true,
    ...(!copied && head.params.data !== undefined ? { data: head.params.data } : {}),
  };
  return { count: members.length, params, copied, members: members.map(({ carried, repeats }) => ({ carried, repeats })) };
}

/**
 * Which member each line of a trigger's errors came from: the person the line names (its first
 * quoted id or email), else its `line N` (the N-th per_user_data entry, counted from 1 [I]), else
 * undefined (the line is then recorded on every member).
 */
export function attributeError(line, members) {
  const quoted = /"([^"]+)"/.exec(line)?.[1];
  if (quoted !== undefined) {
    const key = quoted.includes("@") ? `email:${quoted.toLowerCase()}` : `id:${quoted}`;
    const index = members.findIndex((m) => m.carried.some((entry) => personKey(entry) === key));
    if (index >= 0) return index;
  }
  const n = Number(/^line (\d+):/.exec(line)?.[1]);
  if (Number.isInteger(n) && n >= 1) {
    let offset = 0;
    for (const [index, m] of members.entries()) {
      offset += m.carried.length;
      if (n <= offset) return index;
    }
  }
  return undefined;
}
