// How every browser test launches Debian's Chromium (playwright-core drives it; no download):
// the path and the flags that keep a headless run quiet and offline, in one place.

/** The browser binary (CHROMIUM_PATH overrides it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags of every launch: no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_ARGS = Object.freeze([
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--no-first-run", "--no-default-browser-check", "--disable-component-update", "--disable-sync",
  "--disable-default-apps", "--no-pings", "--disable-domain-reliability",
]);

/** The flags that load unpacked extensions from `dirs` (and only them), headless. */
export function extensionArgs(...dirs) {
  return ["--headless=new", `--disable-extensions-except=${dirs.join(",")}`, `--load-extension=${dirs.join(",")}`, ...CHROMIUM_ARGS];
}
