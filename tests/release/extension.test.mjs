// The browser extension as users and the Chrome Web Store get it: dist/customerio-extension-<v>.zip
// unpacked in an empty folder and loaded in Chromium (its service worker starts, its options page
// saves a key, its panel reads the API through the package), and its manifest checked against the
// Web Store's published limits (name ≤ 75 and description ≤ 132 characters, icons 16/32/48/128).
//
//   node --test tests/release/extension.test.mjs      (after make release)

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_DIR, VERSION, artifact, emptyFolder, ok } from "./registry.mjs";
import { CHROMIUM_PATH, extensionArgs } from "../common/chromium.mjs";

const { chromium } = await import(pathToFileURL(join(REPO_DIR, "node_modules", "playwright-core", "index.mjs")).href);

let folder;
let manifest;

before(async () => {
  folder = emptyFolder("cio-extension-zip-");
  await ok("unzip", ["-q", artifact("customerio-extension", "zip"), "-d", folder.dir]);
  manifest = JSON.parse(readFileSync(join(folder.dir, "manifest.json"), "utf8"));
});

after(() => folder?.remove());

/** The width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG", "a PNG file");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test("the manifest is within the Chrome Web Store's limits and at the release's version", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.version, VERSION);
  assert.ok(manifest.name.length <= 75, `name: ${manifest.name.length} characters`);
  assert.ok(manifest.description.length <= 132, `description: ${manifest.description.length} characters`);
  for (const size of [16, 32, 48, 128]) {
    const path = manifest.icons?.[size];
    assert.ok(path, `icons.${size}`);
    assert.deepEqual(pngSize(readFileSync(join(folder.dir, path))), [size, size], `icons.${size} is ${size}×${size}`);
  }
});

test("the unpacked zip loads in Chromium: its service worker starts and its options page opens", async () => {
  const context = await chromium.launchPersistentContext("", {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: extensionArgs(folder.dir),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 20_000 }));
    const id = new URL(worker.url()).host;
    const errors = [];
    const options = await context.newPage();
    options.on("pageerror", (e) => errors.push(e.message));
    await options.goto(`chrome-extension://${id}/${manifest.options_page ?? manifest.options_ui?.page}`);
    await options.locator("#api-key").waitFor();
    const loaded = await worker.evaluate(() => typeof chrome.runtime.getManifest === "function" && chrome.runtime.getManifest().version);
    assert.equal(loaded, VERSION);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
