// Pretty JSON with light syntax colouring, built from text nodes (never innerHTML).
//
// What an API or a workspace sends is shown as it is, with two exceptions that make it safe to
// read: control and bidirectional-formatting characters appear as \uXXXX escapes (a segment named
// "invoice_\u202Efdp.exe" must not read as "invoice_exe.pdf"), and a string longer than
// LONG_TEXT characters is cut, with a button that shows the rest.

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/**
 * Characters that are invisible or reorder what follows: C0/C1 controls, the Arabic letter mark,
 * zero-width and directional marks, line/paragraph separators, embeddings, overrides, isolates,
 * and the byte-order mark.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Strings (and texts) longer than this are cut, with a way to show them whole. */
export const LONG_TEXT = 2000;

/** `text` with every invisible or direction-changing character written as a \uXXXX escape. */
export function escapeInvisible(text) {
  return text.replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Fills `target` with `value` as indented JSON. */
export function renderJson(target, value) {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  target.replaceChildren(highlight(escapeInvisible(text)));
}

/** Fills `target` with a JSON text (a request body), pretty-printed when it parses. */
export function renderJsonText(target, text) {
  try {
    renderJson(target, JSON.parse(text));
  } catch {
    target.replaceChildren(longText(escapeInvisible(text)));
  }
}

/**
 * A node showing `text` (already escaped), cut after LONG_TEXT characters with a "show all"
 * button that puts the whole text in its place.
 */
export function longText(text, className) {
  const node = document.createElement("span");
  if (className) node.className = className;
  if (text.length <= LONG_TEXT) {
    node.textContent = text;
    return node;
  }
  node.textContent = `${text.slice(0, LONG_TEXT)}…`;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "show-all";
  more.textContent = `show all ${text.length.toLocaleString("en-US")} characters`;
  more.addEventListener("click", () => {
    node.textContent = text;
  });
  node.append(" ", more);
  return node;
}

function highlight(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) fragment.append(text.slice(last, match.index));
    const [whole, string, colon, literal, number] = match;
    if (string !== undefined) {
      fragment.append(longText(string, colon ? "j-key" : "j-string"));
      if (colon) fragment.append(colon);
    } else if (literal !== undefined) {
      fragment.append(span(literal === "null" ? "j-null" : "j-bool", literal));
    } else if (number !== undefined) {
      fragment.append(span("j-number", number));
    } else {
      fragment.append(whole);
    }
    last = match.index + whole.length;
  }
  if (last < text.length) fragment.append(text.slice(last));
  return fragment;
}

function span(className, text) {
  const node = document.createElement("span");
  node.className = className;
  node.textContent = text;
  return node;
}
