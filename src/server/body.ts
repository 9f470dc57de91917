/**
 * Reading a request body under the size limit. A body announced (Content-Length) or found to be
 * over the limit is refused with the service's bare 413 as soon as that is known, never buffered
 * whole, and not read to its end: the HTTP/2 stream is reset (CANCEL), the HTTP/1.1 connection
 * closed after the answer and at most as much again, so a client sending without end costs at
 * most twice the limit in reading, and the limit in memory.
 */
import http2 from 'node:http2';
import type { Request, Response } from './http';

/** Most time a refused HTTP/1.1 upload's connection stays open for the client to read the 413. */
const LINGER_MS = 1_000;

export function readBody(req: Request, res: Response, limit: number, onBody: (body: Buffer) => void): void {
  const refuse = () => {
    req.removeAllListeners('data');
    res.writeHead(413, { 'Content-Length': '0' });
    res.end();
    // HTTP/2: this stream is reset, after the answer (frames go out in order). CANCEL, since a
    // reset with NO_ERROR once the answer is out reaches no client here, which then waits for a
    // flow-control window that never comes.
    if ('stream' in req) return void req.stream.close(http2.constants.NGHTTP2_CANCEL);
    // HTTP/1.1: the rest of the connection is this body. Node reads it on (the parser takes the
    // socket's bytes directly) and discards it; the connection is dropped once a little more has
    // come or a little time has passed. Not at once (as Node does after `Connection: close`): the
    // reset would make the client's system discard the answer it has not read yet.
    const socket = req.socket;
    // Ended (FIN) as soon as the answer is out, so no client pools it for another request.
    res.once('finish', () => socket.end());
    let discarded = 0;
    const drop = () => socket.destroy();
    setTimeout(drop, LINGER_MS).unref();
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > limit) drop();
    });
  };

  const announced = Number(req.headers['content-length']);
  if (announced > limit) return refuse();
  const chunks: Buffer[] = [];
  let length = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    length += chunk.length;
    if (length > limit) {
      refused = true;
      chunks.length = 0;
      refuse();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (!refused) onBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length));
  });
  req.on('error', () => res.destroy());
}
