// Node only: the sandbox served over HTTP.
import { createSandbox } from "customerio-wasm/sandbox";
import { serveSandbox } from "customerio-wasm/sandbox/server";

export async function serve(): Promise<string> {
  const running = await serveSandbox(createSandbox(), { port: 0, maxBodyBytes: 1_000_000 });
  await running.close();
  return running.url;
}
