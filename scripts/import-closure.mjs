// The files an entry of the package loads: its static imports, followed inside the package.
// Used by the size report (scripts/finish-pkg.mjs), make bench and the runtime tests, so that
// what is measured and tested is what a runtime really loads.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const IMPORT = /(?:^|[\s;])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g;

/** `{ files, external, dynamic }`: package-relative files, bare specifiers, files using import(). */
export function importClosure(pkgDir, entry) {
  const files = [];
  const external = new Set();
  const dynamic = [];
  const pending = [entry.replace(/^\.\//, "")];
  while (pending.length > 0) {
    const file = pending.pop();
    if (files.includes(file)) continue;
    files.push(file);
    if (!file.endsWith(".js")) continue;
    const source = readFileSync(join(pkgDir, file), "utf8");
    if (/\bimport\s*\(/.test(source)) dynamic.push(file);
    for (const [, specifier] of source.matchAll(IMPORT)) {
      if (!specifier.startsWith(".")) {
        external.add(specifier);
        continue;
      }
      pending.push(relative(pkgDir, resolve(dirname(join(pkgDir, file)), specifier)).split(sep).join("/"));
    }
  }
  return { files: files.sort(), external: [...external].sort(), dynamic };
}
