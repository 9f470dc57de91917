/** The request and response types both of the endpoint's HTTP servers hand out. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

export type Request = IncomingMessage | Http2ServerRequest;
/**
 * Typed as the HTTP/1.1 response: the HTTP/2 compatibility response has the same methods
 * (writeHead, write, end, destroy, drain and close events), but TypeScript cannot call a method
 * on a union of their overloads.
 */
export type Response = ServerResponse;

export const asResponse = (res: ServerResponse | Http2ServerResponse): Response => res as ServerResponse;
