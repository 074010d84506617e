// Builds the browser extension from extension/ and the built package (pkg/): an unpacked folder
// (dist/customerio-extension/, for "Load unpacked") and dist/customerio-extension.zip. No bundler:
// the package's browser entry and the modules it imports (found by following its relative
// imports) are copied into vendor/customerio-wasm/.
// The sandbox, the Node and workerd entries, the .wasm file (the browser entry inlines it) and the
// type declarations stay out. The manifest's "version" is the package's (pkg-template/package.json,
// the one place versions come from); the icons are the PNGs the manifest names (extension/icons/,
// rendered from icon.svg by scripts/render-icons.mjs).
//
//   node scripts/build-extension.mjs              dist/customerio-extension/ and dist/customerio-extension.zip (make extension)
//   node scripts/build-extension.mjs OUT.zip      the zip alone, at OUT.zip (make release: dist/customerio-extension-<version>.zip)

import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The package entry the service worker imports (the `browser` condition of its exports). */
export const ENTRY = "entry-inline.js";
/**
 * The package modules the extension loads: the client's entry, and the pure modules its pages
 * import (the funnel, the rules), so that no rule of the package is copied by hand.
 */
export const ENTRIES = Object.freeze([ENTRY, "funnel.js", "rules.js"]);

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;

/**
 * The package files the entries load: each entry and every module it imports with a relative
 * specifier, followed recursively (so a new module of the package is picked up without a list).
 */
export async function packageFiles(pkgDir, entries = ENTRIES) {
  const found = new Set();
  const pending = [entries].flat();
  while (pending.length > 0) {
    const file = pending.pop();
    if (found.has(file)) continue;
    found.add(file);
    const text = await readFile(join(pkgDir, file), "utf8");
    for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
      const resolved = posix.normalize(posix.join(posix.dirname(file), specifier));
      if (!resolved.startsWith("..")) pending.push(resolved);
    }
  }
  return [...found].sort();
}

/** The package's version (pkg-template/package.json): the extension ships under the same one. */
export async function packageVersion() {
  return JSON.parse(await readFile(join(ROOT, "pkg-template", "package.json"), "utf8")).version;
}

/** extension/manifest.json as committed (it has no "version": the build adds the package's). */
export async function sourceManifest() {
  return JSON.parse(await readFile(join(ROOT, "extension", "manifest.json"), "utf8"));
}

/** Every icon file the manifest names (`icons` and the toolbar's `action.default_icon`), sorted. */
export function manifestIcons(manifest) {
  return [...new Set([...Object.values(manifest.icons ?? {}), ...Object.values(manifest.action?.default_icon ?? {})])].sort();
}

/** The shipped manifest: the committed one with `version` set after the names. */
export function withVersion(manifest, version) {
  if (!/^\d+(\.\d+){0,3}$/.test(version)) {
    // Chrome takes one to four dot-separated integers: https://developer.chrome.com/docs/extensions/reference/manifest/version
    throw new Error(`the extension's version must be 1 to 4 dot-separated integers, got "${version}" (pkg-template/package.json)`);
  }
  const { manifest_version, name, short_name, ...rest } = manifest;
  return { manifest_version, name, short_name, version, ...rest };
}

/** Copies the extension and the package files it loads into `outDir` (emptied first). */
export async function buildExtension(outDir, { pkgDir = join(ROOT, "pkg"), version } = {}) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const manifest = await sourceManifest();
  await writeFile(join(outDir, "manifest.json"), `${JSON.stringify(withVersion(manifest, version ?? (await packageVersion())), null, 2)}\n`);
  await cp(join(ROOT, "extension", "src"), join(outDir, "src"), { recursive: true });
  for (const icon of manifestIcons(manifest)) {
    await mkdir(dirname(join(outDir, icon)), { recursive: true });
    await cp(join(ROOT, "extension", icon), join(outDir, icon));
  }
  const vendor = join(outDir, "vendor", "customerio-wasm");
  for (const name of await packageFiles(pkgDir)) {
    await mkdir(dirname(join(vendor, name)), { recursive: true });
    await cp(join(pkgDir, name), join(vendor, name));
  }
  return outDir;
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listFiles(dir) {
  const out = [];
  async function walk(current) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  }
  await walk(dir);
  return out.sort();
}

/** The time every entry of the zip carries, so the same input gives the same bytes. */
const ZIP_TIME = new Date(1980, 0, 1);

/** Writes a zip of `dir` (fflate's zipSync: deflate level 9, fixed timestamps). */
export async function zipFolder(dir, zipPath) {
  const entries = {};
  for (const name of await listFiles(dir)) {
    entries[name] = [new Uint8Array(await readFile(join(dir, name))), { level: 9, mtime: ZIP_TIME }];
  }
  await mkdir(dirname(zipPath), { recursive: true });
  await writeFile(zipPath, zipSync(entries));
  return (await stat(zipPath)).size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [zipArg, ...extra] = process.argv.slice(2);
  if (extra.length > 0 || zipArg?.startsWith("-") || (zipArg !== undefined && !zipArg.endsWith(".zip"))) {
    console.error("usage: node scripts/build-extension.mjs [OUT.zip]");
    process.exit(2);
  }
  const version = await packageVersion();
  // With an output path only the zip is wanted: the folder is built in a temporary place.
  const outDir = zipArg ? await mkdtemp(join(tmpdir(), "customerio-extension-")) : join(ROOT, "dist", "customerio-extension");
  const zipPath = zipArg ? resolve(zipArg) : join(ROOT, "dist", "customerio-extension.zip");
  try {
    await buildExtension(outDir, { version });
    const files = await listFiles(outDir);
    const size = await zipFolder(outDir, zipPath);
    if (!zipArg) console.log(`extension: ${relative(ROOT, outDir)}/ (${files.length} files, load it unpacked)`);
    console.log(`extension ${version}: ${relative(process.cwd(), zipPath)} ${size} bytes (${(size / 1024).toFixed(1)} KiB, ${files.length} files)`);
  } finally {
    if (zipArg) await rm(outDir, { recursive: true, force: true });
  }
}
