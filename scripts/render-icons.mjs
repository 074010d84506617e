// Renders the extension's icon (extension/icons/icon.svg, the one drawing) to the PNG sizes the
// manifest declares, with Debian's Chromium through Playwright. Chrome does not accept SVG for
// manifest icons ("SVG files are not supported for any icons declared in the manifest":
// https://developer.chrome.com/docs/extensions/develop/ui/configure-icons), so the PNGs are
// committed beside the SVG and the build copies them: building the extension needs no browser.
// The extension test layer renders the SVG again and fails when a committed PNG has drifted from it.
//
//   node scripts/render-icons.mjs          (after changing icon.svg; commit the PNGs it writes)

import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/common/chromium.mjs";
import { sourceManifest } from "./build-extension.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The one drawing every icon comes from. */
export const ICON_SVG = join(ROOT, "extension", "icons", "icon.svg");

/**
 * The icons the manifest declares, as [size, path relative to extension/] (its `icons`: 16 for the
 * favicon and context menu, 32 for Windows, 48 for chrome://extensions, 128 for the install dialog
 * and the Web Store).
 */
export async function declaredIcons() {
  return Object.entries((await sourceManifest()).icons).map(([size, path]) => [Number(size), path]);
}

/**
 * The viewBox a size is drawn with. The Web Store's 128 px icon is "96x96 for the actual icon"
 * with "16 pixels per side" of transparent padding (https://developer.chrome.com/docs/webstore/images#icons):
 * the SVG's own frame. The small sizes show the tile alone, edge to edge.
 */
export const viewBoxFor = (size) => (size >= 128 ? "0 0 128 128" : "16 16 96 96");

/** Renders `svg` (text) at each size: a Map of size → PNG bytes, transparent where nothing is drawn. */
export async function renderIcons(svg, sizes, { executablePath = CHROMIUM_PATH } = {}) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
      await page.$eval("svg", (el, { size, viewBox }) => {
        el.setAttribute("width", String(size));
        el.setAttribute("height", String(size));
        el.setAttribute("viewBox", viewBox);
        el.style.display = "block";
      }, { size, viewBox: viewBoxFor(size) });
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const icons = await declaredIcons();
  const pngs = await renderIcons(await readFile(ICON_SVG, "utf8"), icons.map(([size]) => size));
  for (const [size, path] of icons) {
    await writeFile(join(ROOT, "extension", path), pngs.get(size));
    console.log(`extension/${path}: ${size}x${size}, ${pngs.get(size).length} bytes`);
  }
}
