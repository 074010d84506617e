// Pretty JSON with light syntax colouring, built from text nodes (never innerHTML).

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Fills `target` with `value` as indented JSON. */
export function renderJson(target, value) {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  target.replaceChildren(highlight(text));
}

/** Fills `target` with a JSON text (a request body), pretty-printed when it parses. */
export function renderJsonText(target, text) {
  try {
    renderJson(target, JSON.parse(text));
  } catch {
    target.textContent = text;
  }
}

function highlight(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) fragment.append(text.slice(last, match.index));
    const [whole, string, colon, literal, number] = match;
    if (string !== undefined) {
      fragment.append(span(colon ? "j-key" : "j-string", string));
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
