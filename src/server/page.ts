/**
 * The page at the endpoint's root: a browser opening `/` gets Shardscope, attached to this very
 * endpoint (`/?attach=<its origin>`), and the page's files; every other request, and any request
 * not asking for a page (tools, SDKs, `curl` without Accept: text/html), goes on to the Kinesis
 * endpoint as before.
 */
import fs from 'node:fs';
import { appFiles, NOT_BUILT, type AppFile } from './appFiles';
import type { Request, Response } from './http';

let cached: { dir: string; files: ReadonlyMap<string, AppFile> } | undefined;

/** The page's files, read again while there are none (the page may be built while the endpoint runs). */
function filesOf(dir: string): ReadonlyMap<string, AppFile> {
  if (cached?.dir !== dir || cached.files.size === 0) cached = { dir, files: appFiles(dir) };
  return cached.files;
}

const wantsPage = (req: Request): boolean => {
  const accept = req.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
};

/** Answers a GET or HEAD for the page or one of its files; false when the request is not one. */
export function servePage(req: Request, res: Response, dir: string): boolean {
  const [pathname = '/', query = ''] = (req.url ?? '/').split('?', 2);
  const head = req.method === 'HEAD';
  if (pathname === '/' || pathname === '/index.html') {
    if (!wantsPage(req)) return false;
    req.resume();
    const files = filesOf(dir);
    const index = files.get('/index.html');
    if (index === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(head ? undefined : NOT_BUILT);
      return true;
    }
    if (!new URLSearchParams(query).has('attach')) {
      // The page attaches to the origin the browser reached (its Host was checked by the access policy).
      const host = req.headers.host ?? req.headers[':authority'];
      const self = typeof host === 'string' ? `http://${host}` : '.';
      res.writeHead(302, { Location: `/?attach=${encodeURIComponent(self)}`, 'Content-Length': '0' });
      res.end();
      return true;
    }
    sendFile(res, index, head, 'no-cache');
    return true;
  }
  const file = filesOf(dir).get(pathname);
  if (file === undefined) return false;
  req.resume();
  // Vite names assets by their content: they never change under a name.
  sendFile(res, file, head, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  return true;
}

function sendFile(res: Response, file: AppFile, head: boolean, cacheControl: string): void {
  let size: number;
  try {
    size = fs.statSync(file.file).size;
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': String(size),
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
  });
  if (head) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res as unknown as NodeJS.WritableStream);
}
