/** Helpers for the views' browser tests: calls with text payloads, and the views' test API. */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';

export interface CallAnswer {
  ok: boolean;
  status: number;
  output?: Record<string, unknown>;
  error?: { name: string; message: string };
}

/** Calls an operation through window.__shardscope; `Data` strings (also inside Records) become UTF-8 bytes. */
export function call(page: Page, operation: string, input: Record<string, unknown>): Promise<CallAnswer> {
  return page.evaluate(
    ([op, inp]) => {
      const bytes = (v: unknown) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
      const fixed: Record<string, unknown> = { ...inp };
      if ('Data' in fixed) fixed.Data = bytes(fixed.Data);
      if (Array.isArray(fixed.Records))
        fixed.Records = fixed.Records.map((r: Record<string, unknown>) => ({ ...r, Data: bytes(r.Data) }));
      return window.__shardscope!.call(op, fixed) as never;
    },
    [operation, input] as const,
  );
}

export function advanceBy(page: Page, ms: number): Promise<void> {
  return page.evaluate((n) => window.__shardscope!.advanceBy(n), ms);
}

/** Lets the views repaint (they redraw once per animation frame). */
export async function frames(page: Page, n = 2): Promise<void> {
  await page.evaluate(
    (k) =>
      new Promise<void>((resolve) => {
        let left = k;
        const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
      }),
    n,
  );
}

export async function createActiveStream(page: Page, name: string, shards: number): Promise<void> {
  const created = await call(page, 'CreateStream', { StreamName: name, ShardCount: shards });
  if (!created.ok) throw new Error(`CreateStream failed: ${JSON.stringify(created.error)}`);
  await advanceBy(page, 60_000);
}

/** Where MD5 puts a partition key, as a fraction of 2^128 (the first 53 bits, as the views draw it). */
export function md5Fraction(partitionKey: string): number {
  const hex = createHash('md5').update(partitionKey, 'utf8').digest('hex');
  return Number(BigInt(`0x${hex}`) >> 75n) / 2 ** 53;
}

export function md5Hex(partitionKey: string): string {
  return createHash('md5').update(partitionKey, 'utf8').digest('hex');
}

type ViewsApi = {
  recordPoint: (
    shardId: string,
    index: number,
  ) => { x: number; y: number; hashFraction: number; arrival: number } | null;
  keyspace: () => { domain: [number, number]; width: number; height: number; drawnDots: number; paintMs: number };
};

/** The keyspace map registers what it shows once it has rendered its stream: wait for that. */
async function keyspaceRendered(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      typeof (window as unknown as { __shardscopeViews?: Partial<ViewsApi> }).__shardscopeViews?.keyspace ===
      'function',
  );
}

export async function recordPoint(page: Page, shardId: string, index: number) {
  await keyspaceRendered(page);
  return page.evaluate(
    ([s, i]) => {
      const w = window as unknown as { __shardscopeViews?: ViewsApi };
      return w.__shardscopeViews!.recordPoint(s, i);
    },
    [shardId, index] as const,
  );
}

export async function keyspaceInfo(page: Page) {
  await keyspaceRendered(page);
  return page.evaluate(() => (window as unknown as { __shardscopeViews?: ViewsApi }).__shardscopeViews!.keyspace());
}
