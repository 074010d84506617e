// Starts `customerio-mcp --http --port 0` as a child process and reads its URL from stderr.

import { spawn } from "node:child_process";
import { BIN } from "./helpers.mjs";

/** { url, child, stderr(), close() } once the server says where it listens. */
export function startHttpServer({ args = [], env }) {
  const child = spawn(process.execPath, [BIN, "--http", "--port", "0", ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the server did not start: ${stderr}`));
    }, 15_000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          stderr: () => stderr,
          close: () => new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", done);
            child.kill("SIGTERM");
          }),
        });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`the server exited (${code}): ${stderr}`), { code, stderr }));
    });
  });
}
