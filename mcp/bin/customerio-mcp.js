#!/usr/bin/env node
// customerio-mcp: the CUSTOMERIO_* tools as an MCP server (see ../README.md). `--help` for usage.
import { main } from "../src/cli.js";

main(process.argv.slice(2), process.env).catch((error) => {
  process.stderr.write(`customerio-mcp: ${error.message}\n`);
  process.exit(1);
});
