// Completes pkg/ after wasm-bindgen and wasm-opt: points snippet.js at the binding's runtime inside
// the generated snippets (the error class, the answer check), shortens the .wasm's import and export
// names (the glue to match), inlines the .wasm for the synchronous entries, minifies the JS modules
// the entries load, then prints the sizes (raw and gzip) and fails above the size budget.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { deflateRawSync, gzipSync } from "node:zlib";
import { importClosure } from "./import-closure.mjs";
import { minifyModule } from "./minify-pkg.mjs";
import { renameInDeclarations, renameInGlue, shortenWasmNames } from "./wasm-names.mjs";

const pkg = process.argv[2] ?? "pkg";
// Just above what the package weighs (106.7 KB on 2026-12-02): a change that adds bytes must say so here.
// 2026-12-06 (issue 19): 17 read operations, 4 walks and countAudience add 6.6 KB gzip (wasm +4.5 KB,
// glue +0.6 KB, answer shapes +0.3 KB, audience.js and start.js +1.2 KB), and the glue's doc
// comments (kept in the .d.ts) go: 108.9 KB.
// 2026-12-06, issue 20: the five transactional sends (their table rows, the send reader with each
// rule, five bindings) add 7.6 KB gzip to the .wasm; issue 16's findTrigger about 3.5 KB. All three
// merged: 123.4 KB.
// 2026-12-06, issue 21: talc in place of dlmalloc, no `{:?}`/`json!`/hash map/map re-sorting in the
// wasm path, Params and redaction without maps or the string searcher, wasm-opt --converge: the
// .wasm 105.8 -> 92.0 KB gzip, what Node/Workers load 123.4 -> 106.7 KB.
// 2026-12-06, issue 18 merged beside it: fill_path's percent-encoding, fromEnv (env.js) and the
// audience in words as a package module bring the Node/Workers closure to 109.4 KB (112 055 B).
// 2026-12-07, issue 21 item 1 (first slice): the 28 reads go through one table-driven reader
// (src/ops/read.rs): .wasm 93 809 -> 88 730 B gzip, Node/Workers 111 205 -> 106 126 B.
// 2026-12-07, issue 21 (JS side): short wasm import/export names (scripts/wasm-names.mjs) and the
// loaded JS modules minified (scripts/minify-pkg.mjs): Node/Workers 105 829 -> 97 218 B, the
// browser entry 108 777 -> 98 999 B (1.23x -> 1.14x the .wasm).
// 2026-12-07, issue 21 item 2 (the remainder): the wasm is no_std with its own panic handler, and
// no str slicing or format! is left on its path: .wasm 88 313 -> 81 967 B gzip, Node/Workers
// 105 829 -> 99 521 B; with the JS side above: .wasm 80 049 B, Node/Workers 90 772 B.
// 2026-12-07, issue 21 item 1 (the core's own JSON, src/json): no serde, serde_json or BTreeMap in
// the wasm: .wasm 88 313 -> 83 714 B gzip, Node/Workers 105 829 -> 101 230 B on its own; merged
// with the above: .wasm 80 049 -> 74 984 B, Node/Workers 90 772 -> 85 707 B (85 927 B with
// issue 21g's per-call changes merged too).
const budgetBytes = Number(process.env.SIZE_BUDGET_GZIP ?? 86_000);

function find(dir, name) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const found = find(path, name);
      if (found) return found;
    } else if (entry === name) return path;
  }
  return undefined;
}

const runtime = find(join(pkg, "snippets"), "runtime.js");
if (!runtime) throw new Error(`no snippets/**/runtime.js in ${pkg}: did wasm-bindgen run?`);
writeFileSync(
  join(pkg, "snippet.js"),
  `// The binding's JS runtime lives in the wasm-bindgen snippet the core imports; one copy of it.\nexport { CustomerIoError, installAnswers } from "./${relative(pkg, runtime)}";\n`,
);

// Every entry instantiates with initSync. wasm-bindgen's `--omit-default-module-path` (Makefile)
// leaves out the loader's `new URL("customerio_wasm_bg.wasm", import.meta.url)`, which made
// bundlers (Vite) copy the .wasm into builds that inline it; the loader itself (__wbg_load,
// __wbg_init) stays in the glue with the flag, never called, 625 B gzip that every runtime would
// load (measured 2026-12-07): cut it out, loudly if the generated text ever changes shape.
{
  const gluePath = join(pkg, "customerio_wasm.js");
  let glue = readFileSync(gluePath, "utf8");
  const cut = (from, to, replacement = "") => {
    const a = glue.indexOf(from);
    const b = glue.indexOf(to, a);
    if (a < 0 || b < 0) throw new Error(`finish-pkg: the glue no longer has ${JSON.stringify(from)}...${JSON.stringify(to)}; update scripts/finish-pkg.mjs`);
    glue = glue.slice(0, a) + replacement + glue.slice(b + to.length);
  };
  cut("async function __wbg_load(", "function initSync(", "function initSync(");
  cut("let __wbg_init_promise;", "export { initSync, __wbg_init as default };", "export { initSync };");
  if (glue.includes("import.meta.url")) throw new Error("finish-pkg: the glue still refers to import.meta.url");
  glue = oneImportPerSnippet(glue);
  // The methods' doc comments are for people and editors, who read them in the .d.ts (kept
  // there); in the glue every runtime would load them for nothing (1.6 KB gzip in 2026-12).
  glue = glue.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, "");
  writeFileSync(gluePath, glue);
}

/**
 * wasm-bindgen writes one `import * as importN from "./snippets/…/x.js"` per extern block that
 * names the snippet, and lists each in the object the wasm is instantiated with, so the same key
 * appears several times: esbuild (and so `wrangler dev`/`deploy`) warns "Duplicate key" for each.
 * Every such alias is the same module namespace (a module is evaluated once per specifier), so
 * the first alias of a specifier is kept and the others, with their object keys, are removed.
 */
function oneImportPerSnippet(glue) {
  const first = new Map();
  const dropped = [];
  for (const [line, alias, specifier] of glue.matchAll(/^import \* as (import\d+) from "([^"]+)";?\n/gm)) {
    if (!first.has(specifier)) first.set(specifier, alias);
    else dropped.push({ line, alias, specifier });
  }
  for (const { line, alias, specifier } of dropped) {
    const key = `\n        ${JSON.stringify(specifier)}: ${alias},`;
    if (!glue.includes(key)) throw new Error(`finish-pkg: the glue imports ${alias} from ${specifier} but its imports object has no ${JSON.stringify(key.trim())}; update scripts/finish-pkg.mjs`);
    glue = glue.replace(line, "").replace(key, "");
    if (new RegExp(`\\b${alias}\\b`).test(glue)) throw new Error(`finish-pkg: ${alias} is still used in the glue after removing its duplicate import`);
  }
  const keys = [...glue.matchAll(/^ {8}("[^"]+"): import\d+,$/gm)].map((m) => m[1]);
  if (new Set(keys).size !== keys.length) throw new Error(`finish-pkg: the glue's imports object still repeats a key: ${keys.join(", ")}`);
  return glue;
}

// Short import and export names in the .wasm, and the glue and wasm-bindgen's declarations of the
// raw exports to match (scripts/wasm-names.mjs): 1.8 KB gzip off the .wasm and 0.9 KB off the glue
// (measured 2026-12-07).
const wasmPath = join(pkg, "customerio_wasm_bg.wasm");
{
  const ownModule = "./customerio_wasm_bg.js";
  const names = shortenWasmNames(readFileSync(wasmPath), { ownModule });
  writeFileSync(wasmPath, names.bytes);
  const gluePath = join(pkg, "customerio_wasm.js");
  writeFileSync(gluePath, renameInGlue(readFileSync(gluePath, "utf8"), { ownModule, ...names }));
  for (const [file, pattern] of [
    ["customerio_wasm_bg.wasm.d.ts", /^(export const )([\w$]+)(:)/gm],
    ["customerio_wasm.d.ts", /^( {4}readonly )([\w$]+)(:)/gm],
  ]) {
    writeFileSync(join(pkg, file), renameInDeclarations(readFileSync(join(pkg, file), "utf8"), names.exports, pattern));
  }
}

const wasm = readFileSync(wasmPath);
// Deflated, then base64: about 1.0x the .wasm's own gzip size once a server gzips it (base64 of
// the raw module was 1.3x), and ASCII, so every bundler keeps it as it is.
const deflated = deflateRawSync(wasm, { level: 9 });
writeFileSync(
  join(pkg, "wasm-inline.js"),
  `// Generated: the .wasm, deflated and base64-encoded, for synchronous instantiation without a\n` +
    `// file or a fetch (inflate.js decodes it at load).\n` +
    `import { inflateRaw } from "./inflate.js";\n` +
    `const base64 = "${deflated.toString("base64")}";\n` +
    `export function wasmBytes() {\n` +
    `  let bytes;\n` +
    `  if (typeof Uint8Array.fromBase64 === "function") bytes = Uint8Array.fromBase64(base64);\n` +
    `  else {\n` +
    `    const binary = atob(base64);\n` +
    `    bytes = new Uint8Array(binary.length);\n` +
    `    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);\n` +
    `  }\n` +
    `  return inflateRaw(bytes, ${wasm.length});\n` +
    `}\n`,
);

// Every JS module an entry loads is shipped minified (scripts/minify-pkg.mjs): names of functions,
// classes and exports kept, locals shortened; README, Decisions, "Minified JS modules".
const loaded = new Set(["entry-node.js", "entry-inline.js", "entry-workerd.js"].flatMap((entry) => importClosure(pkg, entry).files));
for (const file of [...loaded].filter((f) => f.endsWith(".js"))) {
  writeFileSync(join(pkg, file), await minifyModule(readFileSync(join(pkg, file), "utf8"), file));
}

const gzipSizes = new Map();
const gzipOf = (file) => {
  if (!gzipSizes.has(file)) gzipSizes.set(file, gzipSync(readFileSync(join(pkg, file)), { level: 9 }).length);
  return gzipSizes.get(file);
};
const row = (name, bytes, gz) =>
  console.log(`  ${name.padEnd(40)} ${String(bytes).padStart(8)} B raw ${String(gz).padStart(8)} B gzip`);
const wasmGzip = gzipSync(wasm, { level: 9 }).length;
// What the Node entry loads (the Workers entry loads the same files, the .wasm as a module).
const nodeFiles = importClosure(pkg, "entry-node.js").files;
console.log("package size, what Node and Workers load (the entry's import closure):");
row("customerio_wasm_bg.wasm", wasm.length, wasmGzip);
let total = wasmGzip;
for (const file of nodeFiles.filter((f) => !f.endsWith(".wasm")).sort((a, b) => gzipOf(b) - gzipOf(a))) {
  const gz = gzipOf(file);
  total += gz;
  row(file.length > 40 ? `${file.slice(0, 14)}…/${file.split("/").pop()}` : file, statSync(join(pkg, file)).size, gz);
}
console.log(`  ${"total".padEnd(40)} ${" ".repeat(17)}${String(total).padStart(8)} B gzip (budget ${budgetBytes} B)`);
const inline = importClosure(pkg, "entry-inline.js").files.reduce((sum, f) => sum + gzipOf(f), 0);
console.log(`  browser/Deno entry (module inlined)       ${String(inline).padStart(26)} B gzip = ${(inline / wasmGzip).toFixed(2)}x the .wasm's gzip`);
// The figures every README quotes (pkg/README.md gets them filled in by scripts/pkg-readme.mjs;
// the repository's README points here): never typed by hand.
writeFileSync(
  join(pkg, "sizes.json"),
  JSON.stringify({ wasm_gzip: wasmGzip, node_entry_gzip: total, inline_entry_gzip: inline, inline_ratio: Number((inline / wasmGzip).toFixed(2)), budget_gzip: budgetBytes }, null, 2) + "\n",
);
if (total > budgetBytes) {
  console.error(`size budget exceeded: ${total} B gzip > ${budgetBytes} B`);
  process.exit(1);
}
