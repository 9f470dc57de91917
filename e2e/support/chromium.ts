/**
 * Which Chromium the browser tests and the UI benchmark drive: SHARDSCOPE_CHROMIUM if set, else
 * Debian's package. Playwright's own browser download does not work on machines without general
 * network access, so there is no fallback to it.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browser binary to launch, or undefined when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.SHARDSCOPE_CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** What to tell a person whose machine has no browser for the tests. */
export function missingChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.SHARDSCOPE_CHROMIUM;
  return chosen
    ? `SHARDSCOPE_CHROMIUM points at ${chosen}, which does not exist. Point it at a Chromium binary.`
    : `No Chromium found (looked at ${CANDIDATES.join(', ')}). Install Debian's chromium package ` +
        `(apt-get install chromium) or set SHARDSCOPE_CHROMIUM to a Chromium binary.`;
}
