// Builds tests/bundlers/app (a small app importing "customerio-wasm" by name) with esbuild, Vite,
// webpack and Bun, as a user's project would: the app is copied to target/bundlers/app with
// node_modules/customerio-wasm linked to the built pkg/, and each bundler writes its own output
// directory holding an index.html that loads the bundle. Nothing here knows how the package loads
// its wasm: the bundlers resolve the package's public entry through its package.json.
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { execFile } from "node:child_process";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = join(ROOT, "target/bundlers");
const APP = join(WORK, "app");
const BIN = join(ROOT, "node_modules/.bin");

/** A classic page for bundles that are plain scripts, a module page for ES module bundles. */
function page(script, type = "module") {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>bundle</title></head>\n<body><script${type === "module" ? ' type="module"' : ""} src="./${script}"></script></body></html>\n`;
}

/** Copies the app and links the built package into its node_modules. */
async function prepareApp() {
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  await cp(fileURLToPath(new URL("./app/", import.meta.url)), APP, { recursive: true });
  await mkdir(join(APP, "node_modules"), { recursive: true });
  await symlink(join(ROOT, "pkg"), join(APP, "node_modules/customerio-wasm"), "dir");
}

const BUNDLERS = {
  async esbuild(outDir) {
    const esbuild = await import("esbuild");
    await esbuild.build({
      absWorkingDir: APP, entryPoints: ["src/main.js"], bundle: true, format: "esm", platform: "browser",
      minify: true, outfile: join(outDir, "main.js"), logLevel: "silent",
    });
    await writeFile(join(outDir, "index.html"), page("main.js"));
  },
  async vite(outDir) {
    const { build } = await import("vite");
    await build({
      root: APP, logLevel: "silent", configFile: false, base: "./",
      build: { outDir, emptyOutDir: true, target: "es2022", minify: true },
    });
  },
  async webpack(outDir) {
    const { default: webpack } = await import("webpack");
    const compiler = webpack({
      mode: "production", context: APP, entry: "./src/main.js", target: "web",
      output: { path: outDir, filename: "main.js", publicPath: "auto" },
      performance: { hints: false },
    });
    const stats = await promisify(compiler.run.bind(compiler))();
    await promisify(compiler.close.bind(compiler))();
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
    await writeFile(join(outDir, "index.html"), page("main.js", "classic"));
  },
  async bun(outDir) {
    await promisify(execFile)(join(BIN, "bun"), ["build", "src/main.js", "--minify", "--target", "browser", "--outdir", outDir], { cwd: APP });
    await writeFile(join(outDir, "index.html"), page("main.js"));
  },
};

export const BUNDLER_NAMES = Object.keys(BUNDLERS);

/** Every file under `dir`, with its size raw and gzipped. */
async function listFiles(dir) {
  const files = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry);
    if (!(await stat(path)).isFile()) continue;
    const bytes = await readFile(path);
    files.push({ name: relative(dir, path), path, bytes: bytes.length, gzip: gzipSync(bytes).length });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** Builds the app with every bundler; resolves to { name: { outDir, files } }. */
export async function buildAll() {
  await prepareApp();
  const results = {};
  for (const [name, bundle] of Object.entries(BUNDLERS)) {
    const outDir = join(WORK, `out-${name}`);
    await mkdir(outDir, { recursive: true });
    await bundle(outDir);
    results[name] = { outDir, files: await listFiles(outDir) };
  }
  return results;
}

/**
 * The copies of the package's wasm module an output holds, whatever the loading scheme: `files`,
 * the .wasm files in it, and `inlined`, the string runs of 20 000 or more base64 characters in
 * its other files (a module inlined raw or compressed, in base64 or base64url); `total` is their
 * sum. The app itself has no such string.
 */
export async function moduleCopies(files) {
  const copies = { files: 0, inlined: 0 };
  for (const file of files) {
    if (file.name.endsWith(".wasm")) {
      copies.files += 1;
    } else {
      const text = (await readFile(file.path)).toString("latin1");
      copies.inlined += (text.match(/[A-Za-z0-9+/_-]{20000,}={0,2}/g) ?? []).length;
    }
  }
  return { ...copies, total: copies.files + copies.inlined };
}
