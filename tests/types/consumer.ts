// What a user's TypeScript writes against customerio-wasm, compiled by each consumer project
// (node/, workers/, browser/) with its own lib and skipLibCheck: false: the package's published
// .d.ts must compile in every one of them.
import { CustomerIo, CustomerIoError } from "customerio-wasm";
import type { CustomerIoOptions, Message, MessagesPage, TriggerBroadcastParams } from "customerio-wasm";
import { createSandbox } from "customerio-wasm/sandbox";

export async function consumer(apiKey: string): Promise<number> {
  const sandbox = createSandbox();
  const options: CustomerIoOptions = { apiKey, baseUrl: "https://api.customer.io", fetch: sandbox.fetch, retry: { maxRetries: 1 } };
  const cio = new CustomerIo(options);
  const page: MessagesPage = await cio.getMessages({ type: "email", limit: 10, start: "" }, { signal: AbortSignal.timeout(5000) });
  const first: Message | undefined = page.messages?.[0];
  const params: TriggerBroadcastParams = { broadcast_id: 11, default_audience: true, data: { headline: "Hi" }, email_ignore_missing: false };
  try {
    await cio.triggerBroadcast(params);
  } catch (error) {
    if (error instanceof CustomerIoError) return error.status ?? 0;
  }
  let count = 0;
  for await (const newsletter of cio.newsletters({ limit: 5 })) count += newsletter.id > 0 ? 1 : 0;
  cio.free();
  return count + (first === undefined ? 0 : 1);
}
