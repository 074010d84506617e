// The inline entry's raw-deflate decoder (pkg-template/inflate.js), checked against Node's zlib:
// every stream zlib writes inflates back to the original bytes, and corrupt or truncated streams
// throw an Error instead of returning garbage or hanging.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { inflateRaw } from "../../pkg-template/inflate.js";
import { seededRandom } from "../common/random.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

function randomBytes(n, seed) {
  const next = seededRandom(seed);
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = next() * 256;
  return bytes;
}
/** Text, random runs, byte runs and copies of earlier data from near and far (up to 32 KiB back). */
function mixedBytes(n, seed) {
  const next = seededRandom(seed);
  const words = ["customer", "segment", "broadcast", "id", "\"email\":", "{", "}", " ", "\n", "wasm"];
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const kind = Math.floor(next() * 4);
    const len = Math.min(n - i, 1 + Math.floor(next() * 3000));
    for (let k = 0; k < len; k++, i++) {
      if (kind === 0) out[i] = words[Math.floor(next() * words.length)].charCodeAt(k % 3) || 32;
      else if (kind === 1) out[i] = next() * 256;
      else if (kind === 2) out[i] = len & 0xff;
      else out[i] = i >= 32768 ? out[i - 1 - Math.floor(next() * 32768)] : next() * 256;
    }
  }
  return out;
}
function findWasm() {
  const candidates = [
    "pkg/customerio_wasm_bg.wasm",
    "target/wasm32-unknown-unknown/release/customerio_wasm.wasm",
    "node_modules/playwright-core/lib/webp_codec.wasm",
  ];
  const found = candidates.map((p) => root + p).find(existsSync);
  assert.ok(found, `no .wasm to test with: build pkg/ first (looked for ${candidates.join(", ")})`);
  return new Uint8Array(readFileSync(found));
}

const inputs = {
  "empty input": () => new Uint8Array(0),
  "one byte": () => Uint8Array.of(42),
  "all 256 byte values": () => Uint8Array.from({ length: 256 }, (_, i) => i),
  "a 100 KB run of one byte (overlapping back-references)": () => new Uint8Array(100_000).fill(7),
  "a repeated 3-byte pattern (overlapping back-references)": () =>
    Uint8Array.from({ length: 50_000 }, (_, i) => "abc".charCodeAt(i % 3)),
  "100 KB of random bytes (incompressible)": () => randomBytes(100_000, 1),
  "3 MB of mixed text, random and repeated data": () => mixedBytes(3_000_000, 2),
  "a real wasm file": findWasm,
};
const settings = {
  "level 0": { level: 0 },
  "level 1": { level: 1 },
  "level 6": { level: 6 },
  "level 9": { level: 9 },
  "fixed Huffman codes only": { strategy: zlib.constants.Z_FIXED },
  "Huffman only": { strategy: zlib.constants.Z_HUFFMAN_ONLY },
  "run-length only": { strategy: zlib.constants.Z_RLE },
};

const memo = new Map();
function once(key, make) {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key);
}

for (const [inputName, makeInput] of Object.entries(inputs)) {
  for (const [settingName, options] of Object.entries(settings)) {
    const data = () => once(inputName, makeInput);
    const deflated = () => once(`${inputName}/${settingName}`, () => zlib.deflateRawSync(data(), options));
    test(`${inputName}, deflated with ${settingName}, inflates to the same bytes when its size is known`, () => {
      const out = inflateRaw(deflated(), data().length);
      assert.ok(out instanceof Uint8Array);
      assert.ok(Buffer.from(out).equals(Buffer.from(data())), "bytes differ");
    });
    test(`${inputName}, deflated with ${settingName}, inflates to the same bytes when its size is unknown`, () => {
      const out = inflateRaw(deflated());
      assert.equal(out.length, data().length);
      assert.ok(Buffer.from(out).equals(Buffer.from(data())), "bytes differ");
    });
  }
}

test("a wrong expectedLength, too small or too large, still gives the right bytes", () => {
  const data = mixedBytes(200_000, 3);
  const deflated = zlib.deflateRawSync(data);
  for (const guess of [0, 1, 1000, data.length - 1, data.length + 1, 2 * data.length]) {
    assert.ok(Buffer.from(inflateRaw(deflated, guess)).equals(Buffer.from(data)), `expectedLength ${guess}`);
  }
});

test("empty stored blocks, final or not, give empty output", () => {
  const out = inflateRaw(Uint8Array.of(0x00, 0x00, 0x00, 0xff, 0xff, 0x01, 0x00, 0x00, 0xff, 0xff));
  assert.equal(out.length, 0);
});

test("bytes after the final block are ignored", () => {
  const data = new TextEncoder().encode("hello hello hello");
  const deflated = Buffer.concat([zlib.deflateRawSync(data), Buffer.from("trailing junk")]);
  assert.equal(new TextDecoder().decode(inflateRaw(deflated)), "hello hello hello");
});

test("the package's own wasm comes back byte for byte (the time is printed, never asserted)", (t) => {
  const wasm = findWasm();
  const deflated = zlib.deflateRawSync(wasm, { level: 9 });
  const times = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const out = inflateRaw(deflated, wasm.length);
    times.push(performance.now() - start);
    assert.ok(Buffer.from(out).equals(wasm), "inflated bytes equal the .wasm");
  }
  times.sort((a, b) => a - b);
  t.diagnostic(
    `inflate ${deflated.length} -> ${wasm.length} bytes: median ${times[3].toFixed(2)} ms, ` +
      `worst of 7 ${times.at(-1).toFixed(2)} ms`,
  );
});

// Corrupt input: hand-made streams, written bit by bit as RFC 1951 packs them.
function bitWriter() {
  const bytes = [];
  let acc = 0, used = 0;
  const bit = (b) => {
    acc |= b << used;
    if (++used === 8) bytes.push(acc), (acc = used = 0);
  };
  return {
    /** A header field or extra bits: least significant bit first. */
    bits(value, count) {
      for (let i = 0; i < count; i++) bit((value >> i) & 1);
      return this;
    },
    /** A Huffman code: most significant bit first. */
    code(value, length) {
      for (let i = length - 1; i >= 0; i--) bit((value >> i) & 1);
      return this;
    },
    bytes() {
      return Uint8Array.from(used ? [...bytes, acc] : bytes);
    },
  };
}
const fixedLiteral = (byte) => [0x30 + byte, 8]; // fixed code of literals 0..143 (RFC 3.2.6)

function assertThrows(input, message) {
  assert.throws(() => inflateRaw(input), (e) => e instanceof Error && message.test(e.message));
}

test("a stream cut short at any byte throws 'truncated'", () => {
  const data = mixedBytes(4000, 4);
  for (const options of [{ level: 0 }, { level: 6 }, { strategy: zlib.constants.Z_FIXED }]) {
    const deflated = zlib.deflateRawSync(data, options);
    for (let cut = 0; cut < deflated.length; cut++) {
      assertThrows(deflated.subarray(0, cut), /truncated/);
    }
  }
});

test("block type 3 throws 'bad block type'", () => {
  assertThrows(bitWriter().bits(1, 1).bits(3, 2).bytes(), /bad block type/);
});

test("a stored block whose length check fails throws", () => {
  assertThrows(Uint8Array.of(0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5), /bad stored length/);
});

// A dynamic block header with no literal/length or distance lengths yet (HLIT 257, HDIST 1).
const dynamicHeader = (hclen) => bitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(hclen - 4, 4);

test("over-subscribed code lengths throw 'bad code lengths'", () => {
  const w = dynamicHeader(19);
  for (let i = 0; i < 19; i++) w.bits(1, 3); // nineteen 1-bit codes
  assertThrows(w.bytes(), /bad code lengths/);
});

test("a repeat of the previous code length with none before it throws 'bad code lengths'", () => {
  // Code length code in order 16, 17, 18, 0: symbols 0 and 16 get 1-bit codes 0 and 1.
  const w = dynamicHeader(4).bits(1, 3).bits(0, 3).bits(0, 3).bits(1, 3);
  assertThrows(w.code(1, 1).bits(0, 2).bytes(), /bad code lengths/);
});

test("code length repeats running past HLIT + HDIST throw 'bad code lengths'", () => {
  // Symbols 0 and 18 get codes 0 and 1; two runs of 138 zeros exceed the 258 lengths.
  const w = dynamicHeader(4).bits(0, 3).bits(0, 3).bits(1, 3).bits(1, 3);
  assertThrows(w.code(1, 1).bits(127, 7).code(1, 1).bits(127, 7).bytes(), /bad code lengths/);
});

test("a distance before the start of the output throws 'distance too far back'", () => {
  // Fixed block: literal "a", then length 3 (symbol 257) at distance 2 (distance symbol 1).
  const w = bitWriter().bits(1, 1).bits(1, 2).code(...fixedLiteral(0x61)).code(1, 7).code(1, 5);
  assertThrows(w.bytes(), /distance too far back/);
});

test("length symbol 286, which the fixed code has but deflate never uses, throws", () => {
  const w = bitWriter().bits(1, 1).bits(1, 2).code(0xc0 + 6, 8);
  assertThrows(w.bytes(), /bad symbol/);
});

test("distance symbol 30, which the fixed code has but deflate never uses, throws", () => {
  const w = bitWriter().bits(1, 1).bits(1, 2).code(...fixedLiteral(0x61)).code(1, 7).code(30, 5);
  assertThrows(w.bytes(), /bad symbol/);
});

test("random bytes either inflate or throw an Error, and never hang", () => {
  const next = seededRandom(5);
  for (let i = 0; i < 3000; i++) {
    const garbage = randomBytes(1 + Math.floor(next() * 300), i);
    try {
      inflateRaw(garbage);
    } catch (e) {
      assert.ok(e instanceof Error && /^inflateRaw: /.test(e.message), String(e));
    }
  }
});

test("a valid stream with a flipped bit inflates or throws an Error, and never hangs", () => {
  const data = mixedBytes(20_000, 6);
  const deflated = zlib.deflateRawSync(data);
  const next = seededRandom(7);
  for (let i = 0; i < 500; i++) {
    const bad = Uint8Array.from(deflated);
    bad[Math.floor(next() * bad.length)] ^= 1 << Math.floor(next() * 8);
    try {
      inflateRaw(bad, data.length);
    } catch (e) {
      assert.ok(e instanceof Error && /^inflateRaw: /.test(e.message), String(e));
    }
  }
});
