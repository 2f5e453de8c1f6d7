import type { IncomingMessage, ServerResponse } from 'node:http';

export declare function arrivedOverHttps(req: IncomingMessage): boolean;
export declare function withSecure(cookie: string): string;
export declare function secureCookiesOverHttps(req: IncomingMessage, res: ServerResponse): void;
