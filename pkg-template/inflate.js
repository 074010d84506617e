// Synchronous raw deflate (RFC 1951) decoder, written from the RFC: the inline entry ships the wasm
// deflated and instantiates it synchronously, which the async DecompressionStream can't do.

// Base and extra bits of length (257..285) and distance (0..29) symbols, RFC 3.2.5.
function bases(count, b, extraOf) {
  const base = new Uint16Array(count), extra = new Uint8Array(count);
  for (let i = 0; i < count; b += 1 << extra[i++]) {
    extra[i] = extraOf(i);
    base[i] = b;
  }
  return [base, extra];
}
const [LEN_BASE, LEN_EXTRA] = bases(29, 3, (i) => (i < 8 || i > 27 ? 0 : (i - 4) >> 2));
LEN_BASE[28] = 258;
const [DIST_BASE, DIST_EXTRA] = bases(30, 1, (i) => (i < 4 ? 0 : (i - 2) >> 1));
// Order of the code length code's lengths (RFC 3.2.7).
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function fail(what) {
  throw new Error("inflateRaw: " + what);
}

// Canonical Huffman code (RFC 3.2.2) as a table by the next `bits` input bits: symbol << 4 | length.
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
    if (left < 0) fail("bad code lengths");
    next[l] = code = (code + count[l - 1]) << 1;
  }
  const size = 1 << bits;
  const table = new Uint16Array(size);
  for (let sym = 0; sym < lengths.length; sym++) {
    const l = lengths[sym];
    if (!l) continue;
    // Codes are sent high bit first.
    let code = next[l]++, rev = 0;
    for (let i = 0; i < l; i++, code >>= 1) rev = (rev << 1) | (code & 1);
    for (let i = rev; i < size; i += 1 << l) table[i] = (sym << 4) | l;
  }
  return { table, bits };
}

let fixed; // fixed codes (RFC 3.2.6)

/** @param {Uint8Array} input raw deflate @param {number} [expectedLength] presizes the output */
export function inflateRaw(input, expectedLength) {
  const inLen = input.length;
  let pos = 0, buf = 0, cnt = 0; // next input byte; bit buffer, next bit lowest; bits in buf
  let out = new Uint8Array(expectedLength >= 0 ? expectedLength : Math.max(1024, inLen * 4));
  let n = 0;

  // Makes buf hold k (<= 16) bits; zeros past the end, checked on return.
  function need(k) {
    while (cnt < k) {
      if (pos > inLen + 2) fail("truncated");
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
    if (!l) fail("bad code");
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
      // Stored: at a byte boundary, LEN, ~LEN, LEN bytes.
      bits(cnt & 7);
      const len = bits(16), nlen = bits(16);
      pos -= cnt >> 3;
      buf = cnt = 0;
      if (pos + len > inLen) fail("truncated");
      if (len !== (nlen ^ 0xffff)) fail("bad stored length");
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
      // Dynamic: Huffman-coded code lengths (RFC 3.2.7).
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
        if (sym === 16 && !i) fail("bad code lengths");
        const value = sym === 16 ? lengths[i - 1] : 0;
        const repeat = sym === 16 ? 3 + bits(2) : sym === 17 ? 3 + bits(3) : 11 + bits(7);
        if (i + repeat > lengths.length) fail("bad code lengths");
        lengths.fill(value, i, (i += repeat));
      }
      lit = buildTable(lengths.subarray(0, hlit));
      dist = buildTable(lengths.subarray(hlit));
    } else fail("bad block type");

    for (;;) {
      let sym = decode(lit);
      if (sym < 256) {
        room(1);
        out[n++] = sym;
        continue;
      }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) fail("bad symbol");
      const len = LEN_BASE[sym] + bits(LEN_EXTRA[sym]);
      const dsym = decode(dist);
      if (dsym >= 30) fail("bad symbol");
      const d = DIST_BASE[dsym] + bits(DIST_EXTRA[dsym]);
      if (d > n) fail("distance too far back");
      room(len);
      // Byte by byte, as d < len overlaps.
      for (let from = n - d, end = n + len; n < end; ) out[n++] = out[from++];
    }
  } while (!last);

  if (pos * 8 - cnt > inLen * 8) fail("truncated"); // consumed padding zeros
  return n === out.length ? out : out.slice(0, n);
}
