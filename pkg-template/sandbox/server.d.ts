import type { Sandbox } from "./index.js";

export interface ServeOptions {
  port?: number;
  host?: string;
  log?: (line: string) => void;
  /**
   * Answer CORS preflights and allow any origin (for pages such as the playground). Any web page
   * open in the browser can then drive the sandbox.
   */
  cors?: boolean;
  /** A larger request body is answered 413. Default 25 MB (the reference's trigger payload limit). */
  maxBodyBytes?: number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a sandbox over HTTP on a loopback address. */
export declare function serveSandbox(sandbox: Sandbox, options?: ServeOptions): Promise<RunningSandbox>;
