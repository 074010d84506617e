// Minifies the JS modules a runtime loads from pkg/ (the entries' import closures), in place.
//
// Local names are shortened and whitespace, comments and dead syntax go; every top-level name, every
// function's and class's name, every export and every string stay. So a stack trace still reads
// `at makeError (…/runtime.js:1:812)`, `at CustomerIo.prepare (…)`, `CustomerIoError`'s class name
// and `name` are what the .d.ts says, and error messages are untouched. Statements are separated by
// newlines where a semicolon would do (the same bytes), so a trace's line number narrows it to one
// statement. Why this and not esbuild's --minify or a source map: README, Decisions, "Minified
// JS modules" (figures measured there). The .d.ts files are not touched; the doc comments the
// sources carry live there.
import { build } from "esbuild";
import { minify } from "terser";

/** terser's options for one module of the package (ES2022: the oldest runtime is Node 20). */
// Not `module: true`: it implies mangling and inlining at the top level, which renames the
// modules' own functions and folds them into their callers, and stack traces lose them.
export const TERSER_OPTIONS = {
  module: false,
  toplevel: false,
  ecma: 2022,
  compress: { passes: 2 },
  keep_classnames: true,
  keep_fnames: true,
  // The one comment kept: Deno reads the glue's types from its `@ts-self-types` line.
  format: { comments: /^\s*@ts-self-types=/, semicolons: false },
};

/** The minified text of `source`, `file` naming it in errors; exports and strings checked kept. */
export async function minifyModule(source, file) {
  let result;
  try {
    result = await minify(source, TERSER_OPTIONS);
  } catch (error) {
    throw new Error(`minify-pkg: terser failed on ${file}: ${error.message}`);
  }
  const code = `${result.code}\n`;
  const [before, after] = await Promise.all([exportNames(source), exportNames(code)]);
  if (before.join() !== after.join()) {
    throw new Error(`minify-pkg: ${file} exports ${after.join(", ")} after minifying, ${before.join(", ")} before`);
  }
  return code;
}

/** The names a module exports, as esbuild reads them (its imports left unresolved). */
async function exportNames(contents) {
  const result = await build({
    stdin: { contents, loader: "js" },
    format: "esm",
    bundle: true,
    external: ["*"],
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  return Object.values(result.metafile.outputs)[0].exports.sort();
}
