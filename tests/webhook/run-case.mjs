// Runs one verifyWebhook case of cases.mjs in whichever runtime loads this file (no imports, so
// that workerd can load it as is).

/**
 * Runs one case with `verifyWebhook` (in whichever runtime this module is loaded): builds the
 * request as the case says, and resolves to `{ ok }` or `{ code, field, message, isError }`.
 */
export async function runCase(verifyWebhook, CustomerIoError, { request, options }) {
  const headers = request.headersAs === "Headers" ? new Headers(request.headers) : request.headers;
  const bytes = new TextEncoder().encode(request.body);
  const body = { text: request.body, bytes, arraybuffer: bytes.buffer, parsed: request.bodyAs === "parsed" && JSON.parse(request.body) }[request.bodyAs];
  const opts = options.now?.date === undefined ? options : { ...options, now: new Date(options.now.date) };
  try {
    return { ok: await verifyWebhook({ headers, body }, opts) };
  } catch (error) {
    return { code: error?.code, field: error?.field, message: String(error?.message), isError: error instanceof CustomerIoError };
  }
}
