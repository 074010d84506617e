// Fills pkg/README.md (the npm page) from what the build knows, so it can neither leave an
// operation out nor quote a stale size:
//   <!-- operations -->   a table of every operation of the core's exported table (table.js)
//   {{size.<key>}}        a figure from sizes.json (written by scripts/finish-pkg.mjs), in KB
//
//   node scripts/pkg-readme.mjs target/pkg-staging

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = process.argv[2] ?? "pkg";
const { operations } = await import(pathToFileURL(join(pkg, "table.js")).href);
const sizes = JSON.parse(readFileSync(join(pkg, "sizes.json"), "utf8"));

/** `name({ a, b? })`: required parameters first as the table lists them, optional with `?`. */
function signature(op) {
  if (op.params.length === 0) return `${op.name}()`;
  const names = op.params.map((p) => (p.required ? p.name : `${p.name}?`));
  return `${op.name}({ ${names.join(", ")} })`;
}

const rows = operations.map((op) => `| \`${signature(op)}\` | \`${op.method} ${op.path}\` | ${op.summary} |`);
const table = ["| method | request | what it does |", "|---|---|---|", ...rows].join("\n");

let text = readFileSync(join(pkg, "README.md"), "utf8");
if (!text.includes("<!-- operations -->")) throw new Error("pkg-readme: README.md has no <!-- operations --> marker");
text = text.replace("<!-- operations -->", table);
text = text.replace(/\{\{size\.(\w+)\}\}/g, (_, key) => {
  if (!(key in sizes)) throw new Error(`pkg-readme: sizes.json has no ${key}`);
  return key.endsWith("_ratio") ? `${sizes[key]}x` : `${(sizes[key] / 1024).toFixed(1)} KB`;
});
writeFileSync(join(pkg, "README.md"), text);
console.log(`pkg-readme: ${operations.length} operations listed`);
