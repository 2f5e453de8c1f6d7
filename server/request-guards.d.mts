import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export declare function hasValidPercentEncoding(path: string): boolean;
export declare function answerUnservable(req: IncomingMessage, res: ServerResponse): boolean;
export declare function closeConnectionIfBodyUnread(req: IncomingMessage, res: ServerResponse): void;
export declare function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void;
export declare function createLoginThrottle(options?: { limit?: number; windowMs?: number; now?: () => number }): (req: IncomingMessage, res: ServerResponse) => boolean;
