// The one script body every runtime test runs (workerd, Chromium, Deno, Node ESM and CJS): every
// method of the client against a sandbox over HTTP, plus validation and API errors. It uses only
// what all those runtimes have (fetch, Date, JSON, Symbol.asyncIterator) and imports nothing: the
// runtime hands it the CustomerIo and CustomerIoError it got from `customerio-wasm`.
//
// It never throws. It returns a JSON-able summary that tests/runtime/shared.mjs checks against the
// sandbox's own data; a step that failed is recorded under `failures` with what it threw.

/**
 * @param {typeof import("customerio-wasm").CustomerIo} CustomerIo
 * @param {typeof import("customerio-wasm").CustomerIoError} CustomerIoError
 * @param {{ baseUrl: string, apiKey: string, fixtures: { broadcastId: number, segmentId: number,
 *   missingSegmentId: number, errorsTrigger: { broadcast_id: number, trigger_id: number } } }} options
 */
export async function exercise(CustomerIo, CustomerIoError, { baseUrl, apiKey, fixtures }) {
  const summary = { startedAt: Date.now(), firstResultAt: null, steps: {}, failures: [] };
  const { broadcastId, segmentId, missingSegmentId, errorsTrigger } = fixtures;

  // The client under test uses the runtime's global fetch (no `fetch` option): the path users take.
  let cio;
  try {
    cio = new CustomerIo({ apiKey, baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 4 } });
  } catch (error) {
    summary.failures.push({ step: "constructor", ...describeError(error, CustomerIoError) });
    return summary;
  }

  async function step(name, run) {
    try {
      summary.steps[name] = await run();
    } catch (error) {
      summary.failures.push({ step: name, ...describeError(error, CustomerIoError) });
    }
    if (summary.firstResultAt === null) summary.firstResultAt = Date.now();
  }

  await step("triggerBroadcast", async () => {
    const result = await cio.triggerBroadcast({
      broadcast_id: broadcastId,
      recipients: { and: [{ segment: { id: segmentId } }, { not: { attribute: { field: "state", operator: "eq", value: "NM" } } }] },
      data: { runtime_check: true },
    });
    return { id: result.id, keys: Object.keys(result).sort() };
  });

  await step("getMessages", async () => {
    const page = await cio.getMessages({ limit: 5, type: "email" });
    return {
      ids: page.messages.map((message) => message.id),
      types: [...new Set(page.messages.map((message) => message.type))],
      nextIsString: typeof page.next === "string" && page.next.length > 0,
      plainObject: Object.getPrototypeOf(page) === Object.prototype,
    };
  });

  await step("messages", async () => {
    const ids = [];
    for await (const message of cio.messages()) ids.push(message.id);
    return { count: ids.length, ids };
  });

  await step("getSegments", async () => {
    const { segments } = await cio.getSegments();
    return { ids: segments.map((segment) => segment.id) };
  });

  await step("getSegmentDetails", async () => {
    const { segment } = await cio.getSegmentDetails({ segment_id: segmentId });
    return { id: segment.id, name: segment.name, tags: segment.tags };
  });

  await step("listNewsletters", async () => {
    const page = await cio.listNewsletters({ limit: 7, sort: "asc" });
    return { ids: page.newsletters.map((newsletter) => newsletter.id), nextIsString: typeof page.next === "string" };
  });

  await step("newsletters", async () => {
    const ids = [];
    for await (const newsletter of cio.newsletters({ limit: 10 })) ids.push(newsletter.id);
    return { count: ids.length, ids };
  });

  await step("listTransactionalMessages", async () => {
    const { messages } = await cio.listTransactionalMessages();
    return { ids: messages.map((message) => message.id) };
  });

  await step("getTriggers", async () => {
    const { triggers } = await cio.getTriggers({ broadcast_id: broadcastId });
    return { ids: triggers.map((trigger) => trigger.id) };
  });

  await step("getTrigger", async () => {
    const id = summary.steps.triggerBroadcast?.id;
    if (id === undefined) throw new Error("no trigger id: triggerBroadcast failed");
    const trigger = await cio.getTrigger({ broadcast_id: broadcastId, trigger_id: id });
    return { id: trigger.id, broadcast_id: trigger.broadcast_id, keys: Object.keys(trigger).sort() };
  });

  await step("getTriggerErrors", async () => {
    const first = await cio.getTriggerErrors({ ...errorsTrigger, limit: 20 });
    const second = await cio.getTriggerErrors({ ...errorsTrigger, limit: 20, start: first.next });
    return { errors: [...first.errors, ...second.errors], nexts: [first.next, second.next] };
  });

  await step("listBroadcasts", async () => {
    const { broadcasts } = await cio.listBroadcasts();
    return { ids: broadcasts.map((broadcast) => broadcast.id) };
  });

  await step("getBroadcast", async () => {
    const { broadcast } = await cio.getBroadcast({ broadcast_id: broadcastId });
    return { id: broadcast.id, name: broadcast.name, state: broadcast.state };
  });

  await step("getBroadcastMetrics", async () => {
    const { metric } = await cio.getBroadcastMetrics({ broadcast_id: broadcastId, period: "months", steps: 121 });
    const totals = {};
    for (const [name, counts] of Object.entries(metric.series)) totals[name] = counts.reduce((sum, n) => sum + n, 0);
    const badSteps = await settle(() => cio.getBroadcastMetrics({ broadcast_id: broadcastId, period: "hours", steps: 25 }), CustomerIoError);
    return { steps: metric.series.sent.length, totals, badSteps };
  });

  await step("prepare", async () => {
    const prepared = cio.prepare("triggerBroadcast", { broadcast_id: broadcastId, recipients: { segment: { id: segmentId } } });
    return { ...prepared, keyLeaked: JSON.stringify(prepared).includes(apiKey) };
  });

  // Validation: two audiences. A client whose fetch counts calls proves no request was made; the
  // global-fetch client is also tried (the test checks the sandbox never received either).
  await step("audienceConflict", async () => {
    let fetchCalls = 0;
    const counted = new CustomerIo({
      apiKey,
      baseUrl,
      fetch: (input, init) => {
        fetchCalls += 1;
        return fetch(input, init);
      },
    });
    const params = { broadcast_id: broadcastId, ids: ["cust_0001"], recipients: { segment: { id: segmentId } } };
    const viaCounted = await settle(() => counted.triggerBroadcast(params), CustomerIoError);
    const viaGlobal = await settle(() => cio.triggerBroadcast(params), CustomerIoError);
    return { viaCounted, viaGlobal, fetchCalls };
  });

  // An API error (404) comes back as a CustomerIoError too.
  await step("notFound", () => settle(() => cio.getSegmentDetails({ segment_id: missingSegmentId }), CustomerIoError));

  await step("keyHidden", async () => ({
    string: String(cio),
    json: JSON.stringify(cio),
    leaked: String(cio).includes(apiKey) || JSON.stringify(cio).includes(apiKey),
  }));

  summary.finishedAt = Date.now();
  return summary;
}

/** Calls `run` and describes how it ended: a rejection (expected), a synchronous throw, or a value. */
async function settle(run, CustomerIoError) {
  let promise;
  try {
    promise = run();
  } catch (error) {
    return { outcome: "threw", ...describeError(error, CustomerIoError) };
  }
  try {
    const value = await promise;
    return { outcome: "resolved", value: JSON.parse(JSON.stringify(value ?? null)) };
  } catch (error) {
    return { outcome: "rejected", ...describeError(error, CustomerIoError) };
  }
}

function describeError(error, CustomerIoError) {
  return {
    name: error?.name,
    code: error?.code,
    field: error?.field,
    status: error?.status,
    message: String(error?.message ?? error),
    instanceofCustomerIoError: error instanceof CustomerIoError,
    instanceofError: error instanceof Error,
    stack: typeof error?.stack === "string" ? error.stack.split("\n").slice(0, 4).join("\n") : undefined,
  };
}
