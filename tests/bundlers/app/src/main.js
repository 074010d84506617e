// A small app, as a user writes it: the package by its bare name, the sandbox's URL from the
// page's query string (?sandbox=http://127.0.0.1:PORT). It reports what it got on window.__result.
import { CustomerIo, CustomerIoError } from "customerio-wasm";

async function main() {
  const baseUrl = new URL(window.location.href).searchParams.get("sandbox");
  const cio = new CustomerIo({ apiKey: "sandbox-key", baseUrl, retry: false, spacing: false });
  const { segments } = await cio.getSegments();
  const page = await cio.getMessages({ type: "email", limit: 3 });
  const trigger = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["cust_0001"], data: { from: "bundle" } });
  let refused = null;
  try {
    await cio.getMessages({ limit: 0 });
  } catch (error) {
    refused = error instanceof CustomerIoError ? `${error.code} ${error.field}` : String(error);
  }
  return { segments: segments.length, messages: page.messages.length, trigger: trigger.id, refused };
}

main().then(
  (result) => { window.__result = result; },
  (error) => { window.__result = { error: `${error?.name}: ${error?.message}` }; },
).finally(() => {
  document.documentElement.dataset.done = "true";
});
