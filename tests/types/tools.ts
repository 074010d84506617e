// Types of customerio-wasm/tools as a user sees them: compiles with tsc (make pkg-check); the lines
// marked ts-expect-error are mistakes the types must catch.
import { CustomerIo } from "customerio-wasm";
import { callTool, parseJsonArguments, tools, type ToolDefinition, type ToolResult } from "customerio-wasm/tools";

const cio = new CustomerIo({ apiKey: "k" });
const first: ToolDefinition | undefined = tools[0];
const name: string | undefined = first?.name;
const readOnly: boolean | undefined = first?.annotations.readOnlyHint;

async function run(): Promise<void> {
  const result: ToolResult = await callTool(cio, "CUSTOMERIO_GET_SEGMENTS", {});
  const text: string = result.content[0].text;
  const failed: boolean = result.isError;
  await callTool(cio, "CUSTOMERIO_GET_MESSAGES", { limit: 5 }, { signal: AbortSignal.timeout(1000) });
  // @ts-expect-error the client comes first
  await callTool("CUSTOMERIO_GET_SEGMENTS", cio, {});
  // @ts-expect-error arguments are an object of named arguments
  await callTool(cio, "CUSTOMERIO_GET_SEGMENTS", "limit=5");
  const parsed: { [key: string]: unknown } = parseJsonArguments("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, recipients: '{"segment":{"id":3}}' });
  const none: undefined = parseJsonArguments("CUSTOMERIO_GET_SEGMENTS", undefined);
  // @ts-expect-error the tool's name comes first
  parseJsonArguments({ recipients: "{}" }, "CUSTOMERIO_TRIGGER_BROADCAST");
  void [text, failed, parsed, none];
}

void [name, readOnly, run];
