// How Miniflare runs worker/ as wrangler bundles it (the module, its wasm, the compatibility date
// and the Durable Objects of wrangler.jsonc): one description for the Worker tests and the bench.
import { join } from "node:path";

/** Miniflare options for the bundle in `outdir`; bindings and persistence are the caller's. */
export function bundledWorkerOptions(outdir) {
  return {
    modules: true,
    scriptPath: join(outdir, "index.js"),
    modulesRoot: outdir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-09-01",
    durableObjects: { BROADCASTS: { className: "BroadcastQueue", useSQLite: true }, SENDS: { className: "SendLedger", useSQLite: true } },
    cf: false,
  };
}
