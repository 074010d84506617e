//! Writes the core's table into the npm package being built: `answers.js` (the shape of every
//! answer, read by the JS answer check) and `table.js` (operations and parameters, read by the
//! agent tools and the playground, with the message templates the core's errors are worded
//! from) and `tools-table.js` (the agent tools with their JSON Schemas, read by
//! `customerio-wasm/tools`) and `table-types.d.ts` (the TypeScript the table knows, added to
//! `types.d.ts` by `scripts/public-types.mjs`). Run natively by `make pkg`:
//! `cargo run --features export-table --bin export-table -- <pkg dir>`.

use customerio_wasm::export;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: export-table <package directory>");
        return ExitCode::FAILURE;
    };
    let files = [
        (
            "answers.js",
            export::es_module("the shape of every answer", "answers", &export::answers()),
        ),
        (
            "table.js",
            export::es_module(
                "the operations and their parameters",
                "operations",
                &export::operations(),
            ) + "export { rules } from \"./rules.js\";\n"
                + &format!(
                    "// The message templates: {{name}} placeholders, filled in order.\nexport const messages = {};\n",
                    export::messages()
                ),
        ),
        (
            "rules.js",
            export::es_module(
                "the audiences and their flags, the funnel's metrics, the codes refused before sending, the spacing defaults, the webhook schemes",
                "rules",
                &export::rules(),
            ),
        ),
        (
            "tools-table.js",
            export::es_module(
                "the agent tools (CUSTOMERIO_*) with their JSON Schemas",
                "toolTable",
                &export::tools(),
            ),
        ),
        // Spliced into types.d.ts (and removed) by scripts/public-types.mjs.
        ("table-types.d.ts", customerio_wasm::typescript::declarations()),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("export-table: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
