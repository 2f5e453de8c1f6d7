import type { IncomingMessage, ServerResponse } from 'node:http';

export declare function inlineScripts(html: string): string[];
export declare function scriptHashSource(script: string): string;
export declare function inlineScriptHashes(html: string): string[];
export declare function withScriptHashes(policy: string, hashes: readonly string[]): string;
export declare function hashInlineScripts(req: IncomingMessage, res: ServerResponse): void;
export declare function withInlineScriptHashes<T>(
  handle: (req: IncomingMessage, res: ServerResponse) => T,
): (req: IncomingMessage, res: ServerResponse) => T;
