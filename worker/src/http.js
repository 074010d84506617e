// Small HTTP helpers of the Worker.

import { bearerToken, sameSecret } from "customerio-wasm/server";

/** A JSON answer. */
export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** Lower-case hex of bytes. */
export function hex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of `parts` (strings or bytes) joined, as hex. */
export async function sha256Hex(...parts) {
  const encoder = new TextEncoder();
  const chunks = parts.map((part) => (typeof part === "string" ? encoder.encode(part) : new Uint8Array(part)));
  const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return hex(await crypto.subtle.digest("SHA-256", joined));
}

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
export async function isAdmin(request, token) {
  return sameSecret(bearerToken(request.headers), token);
}

/** Reads at most `limit` bytes of the body; undefined when it is larger. */
export async function readLimited(request, limit) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return undefined;
  const chunks = [];
  let total = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
