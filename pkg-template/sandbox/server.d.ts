import type { Sandbox } from "./index.js";

export interface ServeOptions {
  port?: number;
  host?: string;
  log?: (line: string) => void;
  /** Answer CORS preflights and allow any origin (for pages such as the playground). */
  cors?: boolean;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a sandbox over HTTP on a loopback address. */
export declare function serveSandbox(sandbox: Sandbox, options?: ServeOptions): Promise<RunningSandbox>;
