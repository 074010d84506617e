// Types of customerio-wasm/table as a user sees them (make pkg-check).
import { operations, type TableOperation } from "customerio-wasm/table";

const messages: TableOperation | undefined = operations.find((op) => op.name === "getMessages");
const limit = messages?.params.find((p) => p.name === "limit")?.kind;
if (limit?.type === "limit") {
  const max: number = limit.max;
  void max;
}
// @ts-expect-error a kind has no such type
const wrong: TableOperation["params"][number]["kind"]["type"] = "number";
void wrong;
