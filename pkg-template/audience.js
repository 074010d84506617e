// cio.countAudience(params): people a trigger reaches, where knowable without sending (README,
// "Audience size"). Validation is prepare()'s; the count reads the body that would be sent.
// describeAudience(params, known): the audience in words, the one wording the MCP server's
// confirmation and the extension's trigger form show (customerio-wasm/audience). No wasm here.
export async function countAudience(cio, params, options) {
  const prepared = cio.prepare("triggerBroadcast", params ?? {});
  const body = JSON.parse(prepared.body ?? "{}");
  if (Array.isArray(body.ids)) return distinct("ids", body.ids.map((id) => `id:${id}`));
  if (Array.isArray(body.emails)) return distinct("emails", body.emails.map((email) => `email:${normalEmail(email)}`));
  if (Array.isArray(body.per_user_data)) {
    return distinct("per_user_data", body.per_user_data.map((entry) =>
      ("email" in entry ? `email:${normalEmail(entry.email)}` : `id:${entry.id}`)));
  }
  if (typeof body.data_file_url === "string") {
    return unknown("data_file_url", "the people are in a data file Customer.io reads when the trigger runs");
  }
  if (body.recipients !== undefined) return countFilter(cio, body.recipients, options);
  return unknown("default_audience", "the broadcast's own audience, as configured in Customer.io, is resolved when it runs");
}

function normalEmail(email) {
  return String(email).trim().toLowerCase();
}

function distinct(audience, keys) {
  const people = new Set(keys).size;
  return { audience, count: people, duplicates: keys.length - people };
}

function unknown(audience, reason, extra = {}) {
  return { audience, count: null, reason, ...extra };
}

async function countFilter(cio, filter, options) {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== "segment") {
    const what = "attribute" in filter
      ? "an attribute filter"
      : "a combination of filters (and/or/not)";
    return unknown("recipients", `${what} is evaluated by Customer.io when the broadcast runs`);
  }
  const segmentId = filter.segment.id;
  try {
    const { count } = await cio.getSegmentCount({ segment_id: segmentId }, options);
    return { audience: "recipients", count, segment_id: segmentId };
  } catch (error) {
    if (error?.code === "aborted") throw error;
    const cause = { code: String(error?.code ?? "internal"), message: String(error?.message ?? error) };
    if (Number.isInteger(error?.status)) cause.status = error.status;
    return unknown("recipients", `the size of segment ${segmentId} could not be read (${cause.code}${cause.status ? ` ${cause.status}` : ""})`, {
      segment_id: segmentId, error: cause,
    });
  }
}

const counted = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** "1 204 people": thousands apart. */
export function formatPeople(n) {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ")} ${n === 1 ? "person" : "people"}`;
}

function sample(list) {
  const shown = list.slice(0, 3).map(String).join(", ");
  return list.length > 3 ? `${shown}, …` : shown;
}

/** The segment ids a recipients filter names, at any depth. */
export function segmentIds(filter, into = new Set()) {
  const [key, value] = Object.entries(filter ?? {})[0] ?? [];
  if (key === "segment") into.add(Number(value?.id));
  else if ((key === "and" || key === "or") && Array.isArray(value)) value.forEach((n) => segmentIds(n, into));
  else if (key === "not") segmentIds(value, into);
  return into;
}

function describeFilter(node, names) {
  const [key, value] = Object.entries(node ?? {})[0] ?? [];
  switch (key) {
    case "and":
      return `all of (${value.map((n) => describeFilter(n, names)).join("; ")})`;
    case "or":
      return `any of (${value.map((n) => describeFilter(n, names)).join("; ")})`;
    case "not":
      return `not (${describeFilter(value, names)})`;
    case "segment": {
      const name = names.get(Number(value.id));
      if (name) return `segment "${name}" (id ${value.id})`;
      return names.size > 0 ? `segment ${value.id} (not found among the workspace's segments)` : `segment ${value.id}`;
    }
    case "attribute":
      return value.operator === "exists" ? `people with attribute ${value.field}` : `people whose ${value.field} is ${JSON.stringify(value.value)}`;
    default:
      return JSON.stringify(node);
  }
}

/** ": 1 204 people", " (number of people unknown: why)", or "" when no count was asked. */
function sized(count) {
  if (!count) return "";
  return count.count === null ? ` (number of people unknown: ${count.reason})` : `: ${formatPeople(count.count)}`;
}

/**
 * The audience of valid triggerBroadcast parameters in words: its kind, a sample of the people,
 * how many when `known.count` (countAudience's answer) says, segments by name from
 * `known.segments` (getSegments' list). E.g. `segment "VIP customers" (id 3): 1 204 people`.
 */
export function describeAudience(params, known = {}) {
  const count = known.count;
  const names = new Map((known.segments ?? []).map((s) => [Number(s.id), s.name]));
  const repeated = count?.duplicates > 0 ? `, ${counted(count.duplicates, "entry", "entries")} repeated` : "";
  const people = (list) => formatPeople(count?.count ?? list.length);
  if (Array.isArray(params.ids)) return `${people(params.ids)} by customer id (${sample(params.ids)})${repeated}`;
  if (Array.isArray(params.emails)) return `${people(params.emails)} by email (${sample(params.emails)})${repeated}`;
  if (Array.isArray(params.per_user_data)) {
    return `${people(params.per_user_data)}, each with their own data (${sample(params.per_user_data.map((e) => e?.id ?? e?.email))})${repeated}`;
  }
  if (params.data_file_url) return `the people listed in the file ${params.data_file_url}${sized(count)}`;
  if (params.default_audience) return `the audience configured on the broadcast in Customer.io${sized(count)}`;
  if (params.recipients) {
    const [key] = Object.keys(params.recipients);
    const what = key === "segment" ? describeFilter(params.recipients, names) : `a filter: ${describeFilter(params.recipients, names)}`;
    return `${what}${sized(count)}`;
  }
  return "no audience";
}
