// The one static file server of the browser tests (sirv does the file serving: types, ranges,
// paths that climb out of the folder): folders mounted at URL prefixes on 127.0.0.1, a free port,
// and an optional handler for everything else (the sandbox's API, a generated page). /favicon.ico
// is answered 204.
import { createServer } from "node:http";
import sirv from "sirv";

/**
 * Serves each folder of `mounts` (`{ "/pkg/": dir, ... }`, longest prefix first) and hands other
 * requests to `fallback(req, res, url)` (404 without one). Resolves to `{ url, served, close }`,
 * `served` being every path asked for, in order.
 */
export async function serveStatic(mounts, fallback) {
  const served = [];
  const handlers = Object.entries(mounts)
    .sort(([a], [b]) => b.length - a.length)
    .map(([prefix, dir]) => [prefix, sirv(dir, { dev: true, dotfiles: false })]);
  const notFound = (req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    served.push(url.pathname);
    // Browsers ask for it unprompted; a 404 would show as a console error on the page.
    if (url.pathname === "/favicon.ico") return res.writeHead(204).end();
    const mount = handlers.find(([prefix]) => url.pathname.startsWith(prefix));
    const rest = () => (fallback ? Promise.resolve(fallback(req, res, url)) : notFound(req, res));
    try {
      if (mount === undefined) return await rest();
      const [prefix, handler] = mount;
      // sirv serves from its folder's root: strip the mount's prefix, keep the query.
      req.url = `/${req.url.slice(prefix.length)}`;
      handler(req, res, () => notFound(req, res));
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error?.stack ?? error));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }),
  };
}
