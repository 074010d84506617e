// The JS side of verifyWebhook: reads the request's headers and body as they arrived, and
// computes HMAC-SHA256 with WebCrypto (crypto.subtle: Node >= 20, Workers, Deno, browsers on
// https), so no hash implementation ships in the wasm module. The rules are the Rust core's.

/**
 * `[headerNamesAndValues, bodyBytes]` for a `{ headers, body }` request (names and values
 * alternate in one array of strings), or `[field, message]` when a
 * part cannot be read. Headers: a `Headers` (or anything with `forEach(value, name)`) or a plain
 * object of strings. Body: the exact bytes received, as a string, Uint8Array or ArrayBuffer.
 */
export function webhookRequest(request) {
  if (request === null || typeof request !== "object") {
    return ["request", "verifyWebhook(request, options): request must be { headers, body } (e.g. the incoming Request's headers and its await request.text())"];
  }
  const { headers, body } = request;
  const pairs = [];
  if (headers !== null && typeof headers === "object" && typeof headers.forEach === "function" && !Array.isArray(headers)) {
    headers.forEach((value, name) => pairs.push([String(name), String(value)]));
  } else if (headers !== null && typeof headers === "object" && !Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || value === null) continue;
      if (typeof value !== "string") {
        return [`headers.${name}`, `header values must be strings, got ${typeof value}`];
      }
      pairs.push([name, value]);
    }
  } else {
    return ["headers", "headers must be a Headers object or a plain object of strings"];
  }
  let bytes;
  if (typeof body === "string") bytes = new TextEncoder().encode(body);
  else if (body instanceof Uint8Array) bytes = body;
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  else {
    return ["body", "body must be the exact bytes received: a string (await request.text()), a Uint8Array or an ArrayBuffer; never JSON parsed and serialized again"];
  }
  return [pairs.flat(), bytes];
}

/** The body's top-level `id` string (Stripe's event id), read with JSON.parse; else undefined. */
export function bodyId(bytes) {
  try {
    const id = JSON.parse(new TextDecoder().decode(bytes))?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** HMAC-SHA256 of `message` under `key`, with WebCrypto. Resolves to the 32-byte MAC. */
export async function hmacSha256(key, message) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error("verifyWebhook needs WebCrypto (crypto.subtle): Node >= 20, Cloudflare Workers, Deno, or a browser page on https");
  }
  const cryptoKey = await subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", cryptoKey, message));
}

/** The current time in whole Unix seconds. */
export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/** The bytes as they are: wasm-bindgen's glue copies a returned Uint8Array into the module. */
export function bytesOf(bytes) {
  return bytes;
}
