// customerio-wasm/server: what a server built on the package checks the same way everywhere (the
// MCP server's HTTP transports and the webhook Worker). Pure, no dependency, no wasm.

/**
 * Whether `given` equals `expected` (a bearer token, an admin token), compared without an early
 * exit: the time taken depends on the lengths only, never on how much of the secret matched.
 * Anything but two strings is not equal; an empty `expected` never matches (an unset token must
 * not open a door).
 */
export function sameSecret(given, expected) {
  if (typeof given !== "string" || typeof expected !== "string" || expected.length === 0) return false;
  const encoder = new TextEncoder();
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** The token of an `Authorization: Bearer <token>` header, or "" when there is none. */
export function bearerToken(headers) {
  return /^Bearer (.+)$/.exec(headers.get("authorization") ?? "")?.[1] ?? "";
}
