import type { Sandbox } from "./index.js";

export interface ServeOptions {
  port?: number;
  host?: string;
  log?: (line: string) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a sandbox over HTTP on a loopback address. */
export declare function serveSandbox(sandbox: Sandbox, options?: ServeOptions): Promise<RunningSandbox>;
