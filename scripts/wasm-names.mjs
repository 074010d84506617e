// Short names for the .wasm's imports and exports, and the glue rewritten to match.
//
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` under the module
// "./customerio_wasm_bg.js", and each export after its Rust path (`customerio_getBroadcast…`,
// `wasm_bindgen__convert__closures_____invoke__h…`). Every name is written twice, in the .wasm
// and in the glue (customerio_wasm.js), and the hash suffixes do not compress. Here the modules
// become "a", "b", …, the glue's own imports (the object it builds for the first module) and
// every export but `memory` become "a", "b", …, "aa", …; the snippet modules' imports keep their
// names (the glue hands the wasm those modules' namespaces, whose export names are fixed).
//
// binaryen's --minify-imports-and-exports does not fit: it only renames imports of a module named
// "env" (or, with -and-modules, merges every module into one, snippets included) and renames
// `memory`, which the tests read. Only the import and export sections are rewritten; every other
// byte of the module is copied as it is.
//
// The glue is rewritten by exact patterns and the rewrite fails loudly when a name is not found
// where wasm-bindgen writes it, or when an old name is still left: a new wasm-bindgen output shape
// must be looked at here, never half-renamed.

const RESERVED = new Set(["do", "if", "in"]);

/** "a", "b", …, "Z", "aa", "ab", …: valid JS identifiers, never a reserved word. */
export function* shortNames() {
  const first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const rest = first + "0123456789";
  for (const c of first) yield c;
  for (const c of first) for (const d of rest) if (!RESERVED.has(c + d)) yield c + d;
  throw new Error("wasm-names: more than 3 000 names");
}

class Reader {
  constructor(bytes, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }
  byte() {
    if (this.pos >= this.bytes.length) throw new Error("wasm-names: unexpected end of the module");
    return this.bytes[this.pos++];
  }
  u32() {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      if (shift > 28) throw new Error("wasm-names: LEB128 longer than a u32");
    }
  }
  name() {
    const length = this.u32();
    const text = new TextDecoder("utf-8", { fatal: true }).decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }
  limits() {
    const flags = this.byte();
    if (flags > 0x07) throw new Error(`wasm-names: unknown limits flags 0x${flags.toString(16)}`);
    this.u32();
    if (flags & 1) this.u32();
  }
}

const u32 = (value) => {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
};
const name = (text) => {
  const bytes = new TextEncoder().encode(text);
  return [...u32(bytes.length), ...bytes];
};

/** The import section's entries: module, name and the descriptor's raw bytes. */
function readImports(bytes) {
  const r = new Reader(bytes);
  const entries = [];
  for (let i = r.u32(); i > 0; i--) {
    const module = r.name();
    const field = r.name();
    const start = r.pos;
    const kind = r.byte();
    if (kind === 0x00) r.u32(); // function: type index
    else if (kind === 0x01) (r.byte(), r.limits()); // table: reference type, limits
    else if (kind === 0x02) r.limits(); // memory
    else if (kind === 0x03) (r.byte(), r.byte()); // global: value type, mutability
    else if (kind === 0x04) (r.byte(), r.u32()); // tag: attribute, type index
    else throw new Error(`wasm-names: unknown import kind 0x${kind.toString(16)} for ${module} ${field}`);
    entries.push({ module, field, desc: bytes.subarray(start, r.pos) });
  }
  if (r.pos !== bytes.length) throw new Error("wasm-names: trailing bytes in the import section");
  return entries;
}

function readExports(bytes) {
  const r = new Reader(bytes);
  const entries = [];
  for (let i = r.u32(); i > 0; i--) {
    const field = r.name();
    const start = r.pos;
    r.byte();
    r.u32();
    entries.push({ field, desc: bytes.subarray(start, r.pos) });
  }
  if (r.pos !== bytes.length) throw new Error("wasm-names: trailing bytes in the export section");
  return entries;
}

/**
 * Renames the module's imports and exports. `ownModule` is the import module whose names the glue
 * defines itself (its object literal); imports of every other module keep their names. Returns the
 * new bytes and the maps old -> new for modules, the own module's names, and exports.
 */
export function shortenWasmNames(wasm, { ownModule, keepExports = ["memory"] }) {
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error("wasm-names: not a WebAssembly module");
  }
  const modules = new Map();
  const imports = new Map();
  const exports = new Map();
  const moduleNames = shortNames();
  const importNames = shortNames();
  const exportNames = shortNames();
  const out = [wasm.subarray(0, 8)];
  const r = new Reader(wasm, 8);
  let sawImports = false;
  while (r.pos < wasm.length) {
    const id = r.byte();
    const size = r.u32();
    const body = wasm.subarray(r.pos, r.pos + size);
    r.pos += size;
    let rewritten = body;
    if (id === 2) {
      sawImports = true;
      const entries = readImports(body);
      const bytes = [...u32(entries.length)];
      for (const { module, field, desc } of entries) {
        if (!modules.has(module)) modules.set(module, moduleNames.next().value);
        let newField = field;
        if (module === ownModule) {
          if (!imports.has(field)) imports.set(field, importNames.next().value);
          newField = imports.get(field);
        }
        bytes.push(...name(modules.get(module)), ...name(newField), ...desc);
      }
      rewritten = Uint8Array.from(bytes);
    } else if (id === 7) {
      const entries = readExports(body);
      const bytes = [...u32(entries.length)];
      for (const { field, desc } of entries) {
        let newField = field;
        if (!keepExports.includes(field)) {
          do newField = exportNames.next().value;
          while (keepExports.includes(newField));
          exports.set(field, newField);
        }
        bytes.push(...name(newField), ...desc);
      }
      rewritten = Uint8Array.from(bytes);
    }
    out.push(Uint8Array.of(id, ...u32(rewritten.length)), rewritten);
  }
  if (!sawImports || !modules.has(ownModule)) throw new Error(`wasm-names: the module imports nothing from ${ownModule}`);
  const bytes = new Uint8Array(out.reduce((sum, part) => sum + part.length, 0));
  out.reduce((at, part) => (bytes.set(part, at), at + part.length), 0);
  return { bytes, modules, imports, exports };
}

/**
 * The glue (wasm-bindgen --target web, after finish-pkg's cuts) with the new names: the keys of
 * the object built for `ownModule` (`const import0 = {` … `};`, one key per line at 8 spaces), the
 * module keys of the object `__wbg_get_imports` returns, and every `wasm.<export>`.
 */
export function renameInGlue(glue, { ownModule, modules, imports, exports }) {
  const fail = (what) => {
    throw new Error(`wasm-names: ${what}; update scripts/wasm-names.mjs`);
  };
  const open = glue.indexOf("\n    const import0 = {\n");
  const close = glue.indexOf("\n    };\n", open);
  if (open < 0 || close < 0) fail("the glue no longer builds `const import0 = { … };`");
  let object = glue.slice(open, close);
  const keys = [...object.matchAll(/^ {8}([A-Za-z_$][\w$]*): /gm)].map((m) => m[1]).filter((k) => k !== "__proto__");
  const expected = [...imports.keys()];
  const missing = expected.filter((k) => !keys.includes(k));
  const extra = keys.filter((k) => !imports.has(k));
  if (missing.length || extra.length || keys.length !== expected.length) {
    fail(`the glue's import0 keys differ from the wasm's imports of ${ownModule} (missing ${missing.join(", ") || "none"}, extra ${extra.join(", ") || "none"})`);
  }
  object = object.replace(/^( {8})([A-Za-z_$][\w$]*): /gm, (line, indent, key) => (key === "__proto__" ? line : `${indent}${imports.get(key)}: `));
  glue = glue.slice(0, open) + object + glue.slice(close);

  for (const [module, short] of modules) {
    const key = new RegExp(`^( {8})${JSON.stringify(module).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(: import\\d+,)$`, "m");
    if ((glue.match(new RegExp(key.source, "gm")) ?? []).length !== 1) fail(`the glue's imports object does not name ${module} exactly once`);
    glue = glue.replace(key, `$1${short}$2`);
  }

  glue = glue.replace(/(?<![\w$.])wasm\.([A-Za-z_$][\w$]*)/g, (whole, field) => {
    if (field === "memory") return whole;
    if (!exports.has(field)) fail(`the glue uses wasm.${field}, which the module does not export`);
    return `wasm.${exports.get(field)}`;
  });
  for (const old of [...imports.keys(), ...modules.keys()]) {
    if (glue.replace(/^import .*$/gm, "").includes(old)) fail(`the glue still names ${old}`);
  }
  return glue;
}

/**
 * wasm-bindgen's declarations of the raw exports (customerio_wasm_bg.wasm.d.ts: `export const x:`;
 * customerio_wasm.d.ts's InitOutput: `readonly x:`) with the new export names.
 */
export function renameInDeclarations(text, exports, pattern, keep = ["memory"]) {
  let count = 0;
  const renamed = text.replace(pattern, (whole, before, field, after) => {
    if (keep.includes(field)) return whole;
    if (!exports.has(field)) throw new Error(`wasm-names: the declarations name ${field}, which the module does not export; update scripts/wasm-names.mjs`);
    count += 1;
    return `${before}${exports.get(field)}${after}`;
  });
  if (count === 0) throw new Error("wasm-names: no export declared; update scripts/wasm-names.mjs");
  return renamed;
}
