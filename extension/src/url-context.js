// Which workspace and which broadcast, campaign or newsletter a Customer.io UI address shows.
// The one place that knows the UI's URL shapes; pure, so it is tested in Node
// (extension/test/modules.test.mjs, "Customer.io UI addresses").
//
// The UI host: Customer.io's docs say US and EU accounts use the same address, fly.customer.io
// ("Whether your account is based in the US or EU data centers, you'll access your account and
// workspaces using the same URL": https://docs.customer.io/accounts-and-workspaces/data-centers/).
// The path shapes are not documented; they are taken from addresses seen in public code [I]:
//   /workspaces/{ws}/journeys/broadcasts/broadcast/{id}/overview
//   /workspaces/{ws}/journeys/campaigns/{id}/...   /workspaces/{ws}/journeys/automations/{id}/...
//   /env/{ws}/broadcasts/newsletter/{id}/overview/reports   (the older /env/ form)
// and extended to the neighbouring spellings (api_triggered, triggered, newsletters/{id}).

/** The UI origins the extension reads tab addresses on (also its host permissions). */
export const UI_ORIGINS = Object.freeze(["https://fly.customer.io"]);

const BROADCAST_SEGMENTS = new Set(["broadcast", "api_triggered", "api-triggered", "triggered", "triggered_broadcast"]);
const NUMBER = /^[1-9][0-9]*$/;

/**
 * @typedef {{ workspaceId: string | null, kind: "broadcast" | "campaign" | "newsletter" | null, id: number | null }} UiContext
 */

/**
 * Reads a tab's address. Returns null when it is not a Customer.io UI page; otherwise the
 * workspace (or null) and the object the page shows (kind and id, or nulls for other pages).
 * @param {string | undefined | null} address
 * @returns {UiContext | null}
 */
export function parseUiUrl(address) {
  let url;
  try {
    url = new URL(String(address ?? ""));
  } catch {
    return null;
  }
  if (!UI_ORIGINS.includes(url.origin)) return null;
  const parts = url.pathname.split("/").filter((part) => part !== "").map(decodePart);
  let rest;
  let workspaceId = null;
  if ((parts[0] === "workspaces" || parts[0] === "env") && parts[1] !== undefined) {
    workspaceId = parts[1];
    rest = parts.slice(2);
  } else {
    return { workspaceId: null, kind: null, id: null };
  }
  if (rest[0] === "journeys") rest = rest.slice(1);
  return { workspaceId, ...objectOf(rest) };
}

function decodePart(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function objectOf(rest) {
  const [section, second, third] = rest;
  const found = (kind, id) => (NUMBER.test(id ?? "") ? { kind, id: Number(id) } : { kind: null, id: null });
  if (section === "broadcasts") {
    if (second === "newsletter" || second === "newsletters") return found("newsletter", third);
    if (BROADCAST_SEGMENTS.has(second)) return found("broadcast", third);
    return found("broadcast", second);
  }
  if (section === "newsletters") return found("newsletter", second);
  if (section === "campaigns" || section === "automations") return found("campaign", second);
  return { kind: null, id: null };
}
