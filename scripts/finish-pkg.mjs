// Completes pkg/ after wasm-bindgen and wasm-opt: points errors.js at the error class inside the
// generated snippets, inlines the .wasm for the synchronous entries, then prints the sizes (raw
// and gzip) and fails above the size budget.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const pkg = process.argv[2] ?? "pkg";
const budgetBytes = Number(process.env.SIZE_BUDGET_GZIP ?? 120 * 1024);

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
  join(pkg, "errors.js"),
  `// The error class lives in the wasm-bindgen snippet the core imports; one copy of it.\nexport { CustomerIoError } from "./${relative(pkg, runtime)}";\n`,
);

const wasm = readFileSync(join(pkg, "customerio_wasm_bg.wasm"));
writeFileSync(
  join(pkg, "wasm-inline.js"),
  `// Generated: the .wasm as base64, for synchronous instantiation without a file or a fetch.\n` +
    `// The string is an argument, read once: a minifier that inlines constants (bun build\n` +
    `// --minify) copied a const holding it into each of its uses, doubling the bundle.\n` +
    `export function wasmBytes() {\n` +
    `  return decodeBase64("${wasm.toString("base64")}");\n` +
    `}\n` +
    `function decodeBase64(base64) {\n` +
    `  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);\n` +
    `  const binary = atob(base64);\n` +
    `  const bytes = new Uint8Array(binary.length);\n` +
    `  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);\n` +
    `  return bytes;\n` +
    `}\n`,
);

// The glue's default init fetches `new URL("customerio_wasm_bg.wasm", import.meta.url)`; no entry
// uses it (each passes the module to initSync), but bundlers that follow that pattern (Vite) copy
// the .wasm into every app's output beside the inlined one. The unused default is cut.
const gluePath = join(pkg, "customerio_wasm.js");
const glue = readFileSync(gluePath, "utf8");
const defaultUrl = "module_or_path = new URL('customerio_wasm_bg.wasm', import.meta.url);";
if (!glue.includes(defaultUrl)) throw new Error(`${gluePath}: the default wasm URL changed; update finish-pkg.mjs`);
writeFileSync(
  gluePath,
  glue.replace(defaultUrl, 'throw new Error("customerio-wasm: the entries pass the module to initSync; there is no default .wasm URL");'),
);

const glueFiles = ["customerio_wasm.js", relative(pkg, runtime)];
const row = (name, bytes) => {
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`  ${name.padEnd(44)} ${String(bytes.length).padStart(8)} B raw ${String(gz).padStart(8)} B gzip`);
  return gz;
};
console.log("package size (wasm + JS glue):");
let total = row("customerio_wasm_bg.wasm", wasm);
for (const file of glueFiles) total += row(file, readFileSync(join(pkg, file)));
console.log(`  ${"total".padEnd(44)} ${" ".repeat(17)}${String(total).padStart(8)} B gzip (budget ${budgetBytes} B)`);
if (total > budgetBytes) {
  console.error(`size budget exceeded: ${total} B gzip > ${budgetBytes} B`);
  process.exit(1);
}
