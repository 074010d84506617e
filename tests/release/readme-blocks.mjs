// The JavaScript and TypeScript code blocks of a Markdown file, so that every README example is
// type-checked and, where it can run on its own, run (tests/release/npm.test.mjs).

const LANGUAGES = new Set(["js", "javascript", "mjs", "ts", "typescript", "mts"]);

/**
 * Each fenced block in `markdown` whose language is JavaScript or TypeScript, as
 * `{ line, lang, code, runnable }`. A block is runnable when it needs nothing from around it: no
 * Worker `request` or `env` (`process.env` is fine).
 */
export function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (!LANGUAGES.has(open[1])) continue;
    const code = body.join("\n");
    blocks.push({ line: start + 1, lang: open[1], code, runnable: !/(?<![.\w])(request|env)\./.test(code) });
  }
  return blocks;
}
