// The loopback API the bench runs against, in its own process (so that serving does not share the
// measured process's event loop): prints its origin, then answers until killed.
import { createServer } from "node:http";
import { answer } from "./answers.mjs";

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const [status, body] = answer(req.method, req.url);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
