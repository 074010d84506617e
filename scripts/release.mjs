// make release: writes the four release artifacts to dist/, each depending on the others by
// version (never by path), all at the one version of pkg-template/package.json:
//
//   dist/customerio-wasm-<v>.tgz        the npm package (npm pack of pkg/)
//   dist/customerio-mcp-<v>.tgz         the MCP server; depends on customerio-wasm ^<v>
//   dist/customerio-extension-<v>.zip   the browser extension (Chrome Web Store upload / unpacked)
//   dist/customerio-webhooks-<v>.tgz    the webhook Worker starter; depends on customerio-wasm ^<v>
//
// Staging happens in target/release/; the repository's own manifests keep their `file:../pkg`
// links for development and are never edited. Prints each artifact with its size.
//
//   node scripts/release.mjs           (after make pkg)

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const STAGING = join(ROOT, "target", "release");

const template = JSON.parse(readFileSync(join(ROOT, "pkg-template", "package.json"), "utf8"));
/** The one version of every artifact. */
export const VERSION = template.version;
const SHARED_FIELDS = { license: template.license, homepage: template.homepage, bugs: template.bugs };
const repository = (directory) => ({ ...template.repository, ...(directory ? { directory } : {}) });

const built = JSON.parse(readFileSync(join(ROOT, "pkg", "package.json"), "utf8"));
if (built.version !== VERSION) throw new Error(`pkg/ is version ${built.version}, pkg-template says ${VERSION}: run make pkg`);

rmSync(STAGING, { recursive: true, force: true });
mkdirSync(STAGING, { recursive: true });
mkdirSync(DIST, { recursive: true });
for (const old of readdirSync(DIST)) {
  if (/^customerio-(wasm|mcp|webhooks)-.*\.tgz$|^customerio-extension-.*\.zip$/.test(old)) rmSync(join(DIST, old));
}

/** `npm pack` of `dir` into dist/; returns the tarball's path. */
function pack(dir) {
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", DIST], { cwd: dir, encoding: "utf8" });
  return join(DIST, JSON.parse(out)[0].filename);
}

/** Copies `from` to `to`, leaving out local state, secrets and installed modules. */
function stage(from, to) {
  const skip = new Set(["node_modules", ".wrangler", "dist", ".dev.vars", "package-lock.json", "test"]);
  cpSync(from, to, { recursive: true, filter: (src) => !skip.has(src.split("/").pop()) });
}

/** A staged manifest: the one version, the shared metadata, customerio-wasm by version. */
function restamp(dir, directory) {
  const path = join(dir, "package.json");
  const manifest = JSON.parse(readFileSync(path, "utf8"));
  manifest.version = VERSION;
  Object.assign(manifest, SHARED_FIELDS, { repository: repository(directory) });
  for (const field of ["dependencies", "devDependencies", "peerDependencies"]) {
    if (manifest[field]?.["customerio-wasm"] !== undefined) manifest[field]["customerio-wasm"] = `^${VERSION}`;
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (/^(file|link):/.test(spec)) throw new Error(`${directory}/package.json: ${name} is still a path (${spec})`);
    }
  }
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

const artifacts = [];

// 1. The npm package, as built by make pkg.
artifacts.push(pack(join(ROOT, "pkg")));

// 2. The MCP server.
{
  const dir = join(STAGING, "customerio-mcp");
  stage(join(ROOT, "mcp"), dir);
  cpSync(join(ROOT, "LICENSE"), join(dir, "LICENSE"));
  restamp(dir, "mcp");
  artifacts.push(pack(dir));
}

// 3. The Worker starter: the folder a user takes away (README, rules, scripts, .dev.vars.example,
// .gitignore, Env types), as listed by the `files` of worker/package.json.
{
  const dir = join(STAGING, "customerio-webhooks");
  stage(join(ROOT, "worker"), dir);
  cpSync(join(ROOT, "LICENSE"), join(dir, "LICENSE"));
  restamp(dir, "worker");
  artifacts.push(pack(dir));
}

// 4. The extension, at the same version.
{
  const zip = join(DIST, `customerio-extension-${VERSION}.zip`);
  // build-extension stamps the same version (pkg-template/package.json) into the manifest.
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-extension.mjs"), zip], { cwd: ROOT, stdio: "inherit" });
  if (!existsSync(zip)) throw new Error(`build-extension did not write ${zip}`);
  artifacts.push(zip);
}

console.log(`release ${VERSION}:`);
for (const file of artifacts) {
  console.log(`  ${relative(ROOT, file).padEnd(44)} ${(statSync(file).size / 1024).toFixed(1).padStart(8)} KiB`);
}
