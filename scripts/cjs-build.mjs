// Adds the CommonJS build to pkg/: for every entry that `require` can reach, a `.cjs` file
// bundled by esbuild from the ESM sources, and for every `.d.ts` a `.d.cts` twin whose relative
// imports name the `.cjs` files. So `require("customerio-wasm")` works on every Node the package
// claims (no require(esm) needed), and a `module: node16` CommonJS TypeScript project sees
// CommonJS types (no TS1479). The ESM files stay the package's source of truth; this only
// re-packages them.
//
// Each .cjs bundle carries its own copy of what it imports (the wasm glue, the sandbox): loading
// both the ESM and the CJS entry in one process makes two instances, which is harmless because
// CustomerIoError's `instanceof` is branded with Symbol.for (see src/js/runtime.js).
//
//   node scripts/cjs-build.mjs pkg

import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";

const pkg = process.argv[2] ?? "pkg";

/** ESM source → CJS output, relative to the package root (the .cjs sits beside its source). */
export const CJS_ENTRIES = [
  "entry-node.js",
  "entry-inline.js",
  "table.js",
  "tools.js",
  "server.js",
  "funnel.js",
  "audience.js",
  "rules.js",
  "sandbox/index.js",
  "sandbox/server.js",
];

const cjsName = (file) => file.replace(/\.js$/, ".cjs");

for (const entry of CJS_ENTRIES) {
  const result = await build({
    entryPoints: [join(pkg, entry)],
    outfile: join(pkg, cjsName(entry)),
    bundle: true,
    format: "cjs",
    platform: entry === "entry-inline.js" || entry === "table.js" || entry === "tools.js" || entry === "server.js" || entry === "funnel.js" || entry === "audience.js" || entry === "rules.js" ? "neutral" : "node",
    target: "node20",
    // `import.meta.url` (the node entry reads the .wasm beside it; the sandbox server asks
    // whether it is the main module) becomes this file's own URL.
    define: { "import.meta.url": "__cio_import_meta_url" },
    banner: { js: `"use strict";\nconst __cio_import_meta_url = require("node:url").pathToFileURL(__filename).href;` },
    // The .wasm is read from disk by the node entry, never bundled.
    external: ["*.wasm", "node:*"],
    logLevel: "warning",
    legalComments: "none",
    // The entries bundle modules finish-pkg has minified (scripts/minify-pkg.mjs: locals short,
    // names kept); their .cjs drops the whitespace esbuild prints back, and keeps the names.
    ...(entry.startsWith("entry-") ? { minifyWhitespace: true, minifySyntax: true } : {}),
    write: true,
  });
  if (result.warnings.length > 0) throw new Error(`cjs-build: esbuild warned on ${entry}`);
}

// The types: every public .d.ts (not wasm-bindgen's own, which types.d.ts replaces) gets a .d.cts twin (TypeScript reads a .d.cts as CommonJS whatever the
// package's "type" says). Relative specifiers "./x.js" become "./x.cjs", which TypeScript maps
// to "./x.d.cts".
function declarations(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "snippets" && name !== "node_modules") found.push(...declarations(path));
    } else if (name.endsWith(".d.ts") && !name.startsWith("customerio_wasm")) found.push(path);
  }
  return found;
}

let twins = 0;
for (const path of declarations(pkg)) {
  const text = readFileSync(path, "utf8");
  const cts = text.replace(/(from\s+|import\(\s*)(["'])(\.\.?\/[^"']+?)\.js\2/g, "$1$2$3.cjs$2");
  writeFileSync(path.replace(/\.d\.ts$/, ".d.cts"), `// CommonJS twin of ${relative(pkg, path)} (scripts/cjs-build.mjs).\n${cts}`);
  twins += 1;
}
console.log(`cjs-build: ${CJS_ENTRIES.length} CommonJS entries, ${twins} .d.cts declarations`);
