// A small synchronous raw-deflate (RFC 1951) decoder. The inline entry ships the .wasm as base64 of
// its deflateRaw compression, and must instantiate it synchronously (no top-level await), so the
// browser's async DecompressionStream cannot be used and no npm dependency is allowed: hence this.
// Written from the RFC. Huffman codes are decoded through one lookup table per code, indexed by
// the next `bits` input bits. Corrupt or truncated input throws an Error; it never loops forever.

// Base values and extra-bit counts of length symbols 257..285 and distance symbols 0..29 (RFC 3.2.5).
const LEN_BASE = new Uint16Array(29), LEN_EXTRA = new Uint8Array(29);
const DIST_BASE = new Uint16Array(30), DIST_EXTRA = new Uint8Array(30);
for (let i = 0, b = 3; i < 29; i++) {
  LEN_EXTRA[i] = i < 8 ? 0 : (i - 4) >> 2;
  LEN_BASE[i] = b;
  b += 1 << LEN_EXTRA[i];
}
LEN_BASE[28] = 258;
LEN_EXTRA[28] = 0;
for (let i = 0, b = 1; i < 30; i++) {
  DIST_EXTRA[i] = i < 4 ? 0 : (i - 2) >> 1;
  DIST_BASE[i] = b;
  b += 1 << DIST_EXTRA[i];
}
// Order in which the code length code's lengths are sent (RFC 3.2.7).
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function fail(what) {
  throw new Error("inflateRaw: " + what);
}

// Builds the decoding table of a canonical Huffman code from its code lengths (RFC 3.2.2).
// Entry = symbol << 4 | code length; 0 marks a bit pattern no code starts with (incomplete code).
// Returns { table, bits }, where `bits` is the longest code length.
function buildTable(lengths) {
  const count = new Uint16Array(16);
  let bits = 0;
  for (const l of lengths) {
    count[l]++;
    if (l > bits) bits = l;
  }
  count[0] = 0;
  const next = new Uint16Array(16);
  for (let l = 1, code = 0, left = 1; l < 16; l++) {
    left = (left << 1) - count[l];
    if (left < 0) fail("over-subscribed code");
    next[l] = code = (code + count[l - 1]) << 1;
  }
  const size = 1 << bits;
  const table = new Uint16Array(size);
  for (let sym = 0; sym < lengths.length; sym++) {
    const l = lengths[sym];
    if (!l) continue;
    // Codes are sent most significant bit first, so the table index is the code bit-reversed.
    let code = next[l]++, rev = 0;
    for (let i = 0; i < l; i++, code >>= 1) rev = (rev << 1) | (code & 1);
    for (let i = rev; i < size; i += 1 << l) table[i] = (sym << 4) | l;
  }
  return { table, bits };
}

let fixed; // the fixed literal/length and distance codes (RFC 3.2.6), built on first use

/**
 * Decompresses a raw deflate stream (no zlib or gzip header).
 * @param {Uint8Array} input
 * @param {number} [expectedLength] the decompressed size, if known: the output is then allocated once
 * @returns {Uint8Array}
 */
export function inflateRaw(input, expectedLength) {
  const inLen = input.length;
  let pos = 0; // next input byte
  let buf = 0; // bit buffer, next bit in the least significant position
  let cnt = 0; // bits in buf
  let out = new Uint8Array(expectedLength >= 0 ? expectedLength : Math.max(1024, inLen * 4));
  let n = 0; // bytes written

  // Makes buf hold at least k (<= 16) bits. Past the end of the input it shifts in zeros, so a
  // code near the end can be looked up; reading well past the end, or ending the stream with
  // those zeros consumed, is a truncated stream.
  function need(k) {
    while (cnt < k) {
      if (pos > inLen + 2) fail("unexpected end of input");
      buf |= (pos < inLen ? input[pos] : 0) << cnt;
      pos++;
      cnt += 8;
    }
  }
  function bits(k) {
    need(k);
    const v = buf & ((1 << k) - 1);
    buf >>>= k;
    cnt -= k;
    return v;
  }
  function decode(code) {
    need(code.bits);
    const e = code.table[buf & ((1 << code.bits) - 1)];
    const l = e & 15;
    if (!l) fail("invalid code");
    buf >>>= l;
    cnt -= l;
    return e >> 4;
  }
  function room(k) {
    if (n + k <= out.length) return;
    const bigger = new Uint8Array(Math.max(n + k, out.length * 2));
    bigger.set(out.subarray(0, n));
    out = bigger;
  }

  let last;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // Stored block: skip to a byte boundary, then LEN, NLEN and LEN literal bytes.
      pos -= cnt >> 3; // hand back whole bytes still in the bit buffer
      buf = cnt = 0;
      if (pos + 4 > inLen) fail("unexpected end of input");
      const len = input[pos] | (input[pos + 1] << 8);
      if ((len ^ (input[pos + 2] | (input[pos + 3] << 8))) !== 0xffff) fail("stored block length check failed");
      pos += 4;
      if (pos + len > inLen) fail("unexpected end of input");
      room(len);
      out.set(input.subarray(pos, pos + len), n);
      pos += len;
      n += len;
      continue;
    }
    let lit, dist;
    if (type === 1) {
      if (!fixed) {
        const l = new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280);
        fixed = [buildTable(l), buildTable(new Uint8Array(32).fill(5))];
      }
      [lit, dist] = fixed;
    } else if (type === 2) {
      // Dynamic block: the code lengths, themselves Huffman coded (RFC 3.2.7).
      const hlit = bits(5) + 257, hdist = bits(5) + 1, hclen = bits(4) + 4;
      const clLengths = new Uint8Array(19);
      for (let i = 0; i < hclen; i++) clLengths[CL_ORDER[i]] = bits(3);
      const cl = buildTable(clLengths);
      const lengths = new Uint8Array(hlit + hdist);
      for (let i = 0; i < lengths.length; ) {
        const sym = decode(cl);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let value = 0, repeat;
        if (sym === 16) {
          if (i === 0) fail("repeat with no previous length");
          value = lengths[i - 1];
          repeat = 3 + bits(2);
        } else repeat = sym === 17 ? 3 + bits(3) : 11 + bits(7);
        if (i + repeat > lengths.length) fail("too many code lengths");
        lengths.fill(value, i, (i += repeat));
      }
      lit = buildTable(lengths.subarray(0, hlit));
      dist = buildTable(lengths.subarray(hlit));
    } else fail("invalid block type");

    // Literals, and <length, distance> copies of earlier output, up to end-of-block (256).
    for (;;) {
      let sym = decode(lit);
      if (sym < 256) {
        room(1);
        out[n++] = sym;
        continue;
      }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) fail("invalid length symbol");
      const len = LEN_BASE[sym] + bits(LEN_EXTRA[sym]);
      const dsym = decode(dist);
      if (dsym >= 30) fail("invalid distance symbol");
      const d = DIST_BASE[dsym] + bits(DIST_EXTRA[dsym]);
      if (d > n) fail("distance too far back");
      room(len);
      // Byte by byte: the source may overlap the bytes being written (d < len repeats a pattern).
      for (let from = n - d, end = n + len; n < end; ) out[n++] = out[from++];
    }
  } while (!last);

  if (pos * 8 - cnt > inLen * 8) fail("unexpected end of input"); // consumed padding zeros
  return n === out.length ? out : out.slice(0, n);
}
