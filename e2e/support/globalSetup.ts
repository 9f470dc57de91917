import { findChromium, missingChromiumMessage } from './chromium';

/** Stops the browser tests at once, with a clear message, on a machine without Chromium. */
export default function globalSetup(): void {
  if (!findChromium()) throw new Error(missingChromiumMessage());
}
