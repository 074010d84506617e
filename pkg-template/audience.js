// cio.countAudience(params): people a trigger reaches, where knowable without sending (README,
// "Audience size"). Validation is prepare()'s; the count reads the body that would be sent.
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
