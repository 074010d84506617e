// The extension as the Chrome Web Store receives it: the zip `node scripts/build-extension.mjs
// OUT.zip` writes (what make release ships), read entry by entry. The manifest within the store's
// published limits, the icons real PNGs of their exact sizes that show a drawing, the committed
// icons still the rendering of the one SVG, and the privacy policy the listing links to.
// Run: node --test extension/test/store.test.mjs (after make pkg)
//
// Limits: name at most 75 characters (https://developer.chrome.com/docs/extensions/reference/manifest/name),
// short_name at most 12 recommended (same page), description at most 132
// (https://developer.chrome.com/docs/extensions/reference/manifest/description), icons 16, 32, 48
// and 128 (https://developer.chrome.com/docs/extensions/develop/ui/configure-icons), the 128 px one
// a 96 px drawing in a 16 px transparent margin (https://developer.chrome.com/docs/webstore/images#icons).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { decodePng, inkOf, meanDifference, readZip } from "./artifact.mjs";
import { ICON_SVG, declaredIcons, renderIcons } from "../../scripts/render-icons.mjs";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const SIZES = [16, 32, 48, 128];

let dir;
let zipPath;
let entries;
let manifest;
let version;

before(async () => {
  version = JSON.parse(await readFile(join(REPO, "pkg-template", "package.json"), "utf8")).version;
  dir = await mkdtemp(join(tmpdir(), "cio-extension-store-"));
  zipPath = join(dir, `customerio-extension-${version}.zip`);
  await run(process.execPath, [join(REPO, "scripts", "build-extension.mjs"), zipPath], { cwd: REPO });
  entries = await readZip(zipPath);
  manifest = JSON.parse(entries.get("manifest.json").toString("utf8"));
});

after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("the zip's manifest, against the Web Store's limits", () => {
  test("carries the package's version (pkg-template/package.json)", () => {
    assert.equal(manifest.version, version);
    assert.equal(manifest.manifest_version, 3);
  });

  test("the name is at most 75 characters and the short name at most 12", () => {
    assert.ok(manifest.name.length > 0 && manifest.name.length <= 75, `name is ${manifest.name.length} characters`);
    assert.ok(manifest.short_name.length > 0 && manifest.short_name.length <= 12, `short_name is ${manifest.short_name.length} characters`);
  });

  test("the description is at most 132 characters of plain text", () => {
    assert.ok(manifest.description.length > 0 && manifest.description.length <= 132, `description is ${manifest.description.length} characters`);
    assert.doesNotMatch(manifest.description, /[<>]|\n/);
  });

  test("declares icons 16, 32, 48 and 128, and the toolbar button's 16 and 32", () => {
    assert.deepEqual(Object.keys(manifest.icons).map(Number).sort((a, b) => a - b), SIZES);
    assert.deepEqual(Object.keys(manifest.action.default_icon).map(Number).sort((a, b) => a - b), [16, 32]);
  });

  test("every file the manifest names is in the zip", () => {
    const named = [
      manifest.background.service_worker, manifest.side_panel.default_path, manifest.options_page,
      ...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon),
    ];
    for (const file of named) assert.ok(entries.has(file), `${file} is missing from the zip`);
  });
});

describe("the icons in the zip", () => {
  for (const size of SIZES) {
    test(`the ${size} px icon is a PNG of exactly ${size}x${size}`, () => {
      const image = decodePng(entries.get(manifest.icons[size]));
      assert.equal(image.width, size);
      assert.equal(image.height, size);
    });

    test(`the ${size} px icon shows a drawing, not a blank or flat square`, () => {
      const { opaqueShare, colours } = inkOf(decodePng(entries.get(manifest.icons[size])));
      assert.ok(opaqueShare >= 0.4, `only ${(opaqueShare * 100).toFixed(0)}% of it is drawn`);
      assert.ok(colours >= 3, `${colours} colour(s): a tile, the waves and the dot need three`);
    });
  }

  test("the 128 px icon keeps the store's transparent margin around a 96 px drawing", () => {
    const { width, rgba } = decodePng(entries.get(manifest.icons[128]));
    const alpha = (x, y) => rgba[(y * width + x) * 4 + 3];
    for (let i = 0; i < 128; i++) {
      for (const [x, y] of [[i, 8], [8, i], [i, 119], [119, i]]) assert.equal(alpha(x, y), 0, `pixel ${x},${y} is in the margin`);
    }
    assert.equal(alpha(64, 20), 255, "the tile starts at 16 px");
  });

  test("the committed icons are the rendering of extension/icons/icon.svg (run scripts/render-icons.mjs after changing it)", async () => {
    const icons = await declaredIcons();
    const fresh = await renderIcons(await readFile(ICON_SVG, "utf8"), icons.map(([size]) => size));
    for (const [size, path] of icons) {
      const difference = meanDifference(decodePng(fresh.get(size)), decodePng(entries.get(path)));
      assert.ok(difference <= 2, `icons/${path}: differs from the SVG's rendering by ${difference.toFixed(2)} per channel`);
    }
  });
});

describe("the privacy policy (extension/PRIVACY.md)", () => {
  let policy;
  before(async () => {
    policy = await readFile(join(REPO, "extension", "PRIVACY.md"), "utf8");
  });

  test("says what is stored: the API key and region, in chrome.storage", () => {
    assert.match(policy, /API key/);
    assert.match(policy, /region/);
    assert.match(policy, /chrome\.storage\.local/);
    assert.match(policy, /chrome\.storage\.session/);
  });

  test("names where the key goes: the API host of each region, and only there", () => {
    assert.match(policy, /`https:\/\/api\.customer\.io`\s+\(US\)/);
    assert.match(policy, /`https:\/\/api-eu\.customer\.io`\s+\(EU\)/);
    assert.match(policy, /Only to the Customer\.io App API host of the region you chose/);
  });

  test("names every host the manifest lets the extension reach", () => {
    for (const pattern of manifest.host_permissions) {
      const host = new URL(pattern.replace(/\*$/, "")).host;
      assert.ok(policy.includes(`\`${host}\``), `${host} is not named in PRIVACY.md`);
    }
  });

  test("is linked from the extension's README and the repository's install steps", async () => {
    assert.match(await readFile(join(REPO, "extension", "README.md"), "utf8"), /\(PRIVACY\.md\)/);
    assert.match(installSection(await readFile(join(REPO, "README.md"), "utf8")), /\(extension\/PRIVACY\.md\)/);
  });
});

/** The README's "Install the extension" section. */
function installSection(readme) {
  const start = readme.indexOf("## Install the extension");
  assert.ok(start >= 0, "README has an \"Install the extension\" section");
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("the install steps (README, \"Install the extension\")", () => {
  test("pin the extension to the toolbar before using its toolbar button", async () => {
    const steps = installSection(await readFile(join(REPO, "README.md"), "utf8"));
    const pin = steps.search(/puzzle-piece[\s\S]{0,200}\bpin\b|\bpin\b[\s\S]{0,200}puzzle-piece/i);
    const button = steps.indexOf("right-click its toolbar button");
    assert.ok(pin >= 0, "the steps say to pin it from the puzzle-piece (Extensions) menu");
    assert.ok(button > pin, "pinning comes before the first use of the toolbar button");
  });
});

describe("the build command", () => {
  test("refuses an output path that is not a .zip, with its usage", async () => {
    await assert.rejects(run(process.execPath, [join(REPO, "scripts", "build-extension.mjs"), join(dir, "out")], { cwd: REPO }), (error) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /usage: node scripts\/build-extension\.mjs \[OUT\.zip\]/);
      return true;
    });
  });
});
