// Where the wasm's bytes go, by crate: runs `twiggy top` on a build that kept its names
// (wasm-opt -Oz -g) and sums each function and data segment under the crate its name starts
// with. `node bench/wasm-crates.mjs <named.wasm> [<another.wasm>]` prints one column per file.

import { execFileSync } from "node:child_process";

function byCrate(file) {
  const csv = execFileSync("twiggy", ["top", "-n", "1000000", "-f", "csv", file], { encoding: "utf8", maxBuffer: 1 << 28 });
  const totals = new Map();
  for (const line of csv.split("\n").slice(1)) {
    const match = line.match(/^(.*),(\d+),[\d.]+,/);
    if (!match) continue;
    const [, rawName, bytes] = match;
    const name = rawName.replace(/^"|"$/g, "");
    let crate;
    if (/^custom section|subsection/.test(name)) crate = "(names, custom sections: stripped when shipped)";
    else if (/^data segment/.test(name)) crate = "(data: strings, tables)";
    else if (/^(import|export|elem|table|type|global|memory)\b|shim/.test(name)) crate = "(exported entry points and shims, bodies inlined)";
    else {
      const found = name.match(/([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
      crate = found ? found[1] : name.startsWith("<") ? "(trait impls)" : "(other)";
    }
    totals.set(crate, (totals.get(crate) ?? 0) + Number(bytes));
  }
  return totals;
}

const files = process.argv.slice(2);
const tables = files.map(byCrate);
const crates = [...new Set(tables.flatMap((t) => [...t.keys()]))]
  .sort((a, b) => (tables.at(-1).get(b) ?? 0) - (tables.at(-1).get(a) ?? 0));
console.log(`| crate | ${files.join(" | ")} |`);
console.log(`|---|${files.map(() => "---:").join("|")}|`);
for (const crate of crates) console.log(`| ${crate} | ${tables.map((t) => t.get(crate) ?? 0).join(" | ")} |`);
console.log(`| total | ${tables.map((t) => [...t.values()].reduce((a, b) => a + b, 0)).join(" | ")} |`);
