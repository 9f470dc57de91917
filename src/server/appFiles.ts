/**
 * The built page (dist/), served by the endpoint at its root so that opening the endpoint's URL
 * shows Shardscope attached to it. Only files found under the directory are served, looked up by
 * exact path in a table made from a walk of it (bounded in depth and count): no path from a
 * request ever reaches the file system, so nothing outside the directory can be named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` writes the page. */
export const DEFAULT_APP_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const MAX_FILES = 2000;
const MAX_DEPTH = 4;

export interface AppFile {
  readonly file: string;
  readonly contentType: string;
}

/** The files of a built page by URL path ('/index.html', '/assets/index-abc.js'); empty when not built. */
export function appFiles(dir: string): ReadonlyMap<string, AppFile> {
  const files = new Map<string, AppFile>();
  const walk = (folder: string, prefix: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.size >= MAX_FILES) return;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, `${prefix}${entry.name}/`, depth + 1);
      else if (entry.isFile()) {
        const contentType = CONTENT_TYPES[path.extname(entry.name).toLowerCase()];
        if (contentType !== undefined) files.set(`${prefix}${entry.name}`, { file: full, contentType });
      }
    }
  };
  walk(dir, '/', 0);
  return files.has('/index.html') ? files : new Map();
}

/** What `/` says when the page has not been built. */
export const NOT_BUILT =
  'Shardscope: this endpoint serves the page from dist/, which has not been built yet.\n\n' +
  'Build it once with `npm run build`, then reload this page (the endpoint keeps running).\n' +
  'The Kinesis endpoint itself works meanwhile: point your AWS SDK or CLI at this URL.\n';
