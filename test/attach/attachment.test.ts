/**
 * An attached page (its store and application layer, without a browser) following a real
 * endpoint: the page's engine holds what the endpoint's holds; a page attaching late catches up;
 * freezing holds the picture, scrubbing shows the past, live replays what waited; a restart of
 * the endpoint is shown and recovered from.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointDigest, type Engine } from '../../src/engine/index';
import { startServer, type RunningServer } from '../../src/server/server';
import { Attachment } from '../../src/app/attach/attachment';
import { createSimulatorStore, type SimulatorStore } from '../../src/store';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const digest = (engine: Engine) => checkpointDigest(engine.snapshot().checkpoint);

const servers: RunningServer[] = [];
const attachments: Attachment[] = [];
afterEach(async () => {
  for (const attachment of attachments.splice(0)) await attachment.stop();
  for (const server of servers.splice(0)) await server.close();
});

async function endpoint(port = 0): Promise<RunningServer> {
  const server = await startServer({ port, throttling: false, createStreamMs: 0, updateStreamMs: 0 });
  servers.push(server);
  return server;
}

function attachPage(
  server: RunningServer,
  maxQueued?: number,
): { store: SimulatorStore; attachment: Attachment; snapshots: () => number } {
  const store = createSimulatorStore();
  let snapshots = 0;
  const attachment = new Attachment(store, server.url, {
    ...(maxQueued !== undefined ? { maxQueued } : {}),
    fetch: (input, init) => {
      if (String(input).endsWith('/snapshot')) snapshots++;
      return globalThis.fetch(input, init);
    },
    wallNow: () => performance.now(),
    requestFrame: (callback) => void setTimeout(callback, 4),
    delay: (ms) => pause(Math.min(ms, 50)),
  });
  attachments.push(attachment);
  attachment.start();
  return { store, attachment, snapshots: () => snapshots };
}

async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!predicate() && performance.now() < deadline) await pause(10);
  expect(predicate()).toBe(true);
}

/** Waits until the page's engine has reached the endpoint's last command and clock, then compares. */
async function caughtUp(server: RunningServer, store: SimulatorStore): Promise<void> {
  await pause(150);
  const target = server.engine.now();
  await until(() => store.getState().engine.now() >= target);
  const page = store.getState().engine;
  const copy = server.engine;
  // Compare at one instant: the endpoint's clock moves on with the wall.
  if (copy.now() > page.now()) page.advanceTo(copy.now());
  else copy.advanceTo(page.now());
  expect(digest(page)).toBe(digest(copy));
}

const put = (server: RunningServer, key: string) =>
  server.engine.call('PutRecord', { StreamName: 's', PartitionKey: key, Data: new TextEncoder().encode(key) });

describe('an attached page', () => {
  it('should hold what the endpoint holds: records on their shards, splits, iterators', async () => {
    const server = await endpoint();
    server.engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
    const { store, attachment } = attachPage(server);
    await until(() => attachment.view.getState().link === 'connected');
    for (let i = 0; i < 50; i++) put(server, `key-${i}`);
    server.engine.advanceBy(1);
    server.engine.call('SplitShard', {
      StreamName: 's',
      ShardToSplit: 'shardId-000000000000',
      NewStartingHashKey: '1000',
    });
    server.engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: 'shardId-000000000001',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    await caughtUp(server, store);
    expect(store.getState().engine.iterators()).toHaveLength(1);
    expect(
      store
        .getState()
        .engine.stream('s')!
        .shards.map((s) => s.records.length),
    ).toEqual(server.engine.stream('s')!.shards.map((s) => s.records.length));
  });

  it('should catch up when it opens after 100,000 records, then follow live', async () => {
    const server = await endpoint();
    server.engine.call('CreateStream', { StreamName: 's', ShardCount: 4 });
    const data = new Uint8Array(50);
    for (let batch = 0; batch < 200; batch++) {
      server.engine.advanceBy(1000);
      server.engine.call('PutRecords', {
        StreamName: 's',
        Records: Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `k${batch}-${i}`, Data: data })),
      });
    }
    const { store, attachment } = attachPage(server);
    await until(() => attachment.view.getState().link === 'connected');
    const held = () =>
      store
        .getState()
        .engine.stream('s')
        ?.shards.reduce((n, s) => n + s.records.length, 0) ?? 0;
    expect(held()).toBe(100_000);
    put(server, 'after');
    await until(() => held() === 100_001);
    await caughtUp(server, store);
  });

  it('should freeze the picture, scrub back through what it saw, and replay what waited when live again', async () => {
    const server = await endpoint();
    server.engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const { store, attachment } = attachPage(server);
    await until(() => attachment.view.getState().link === 'connected');
    const count = () => store.getState().engine.stream('s')!.shards[0]!.records.length;
    put(server, 'one');
    await until(() => count() === 1);
    const afterOne = store.getState().engine.now();
    server.engine.advanceBy(1000);
    put(server, 'two');
    await until(() => count() === 2);
    const afterTwo = store.getState().engine.now();
    // Play / pause (the Space key) freezes and goes live: time is the endpoint's.
    store.getState().play();
    expect(attachment.view.getState().frozen).toBe(true);
    expect(store.getState().playing).toBe(false);
    put(server, 'three');
    await until(() => attachment.view.getState().waiting === 1);
    expect(count()).toBe(2);
    attachment.scrubTo(afterOne);
    expect(count()).toBe(1);
    expect(store.getState().engine.now()).toBe(afterOne);
    // Forward from there carries on the picture shown; back again rebuilds it.
    attachment.scrubTo(afterTwo - 1);
    expect(store.getState().engine.now()).toBe(afterTwo - 1);
    attachment.scrubTo(afterTwo);
    expect(count()).toBe(2);
    attachment.scrubTo(afterOne);
    expect(count()).toBe(1);
    store.getState().play();
    expect(attachment.view.getState().frozen).toBe(false);
    await until(() => count() === 3);
    await caughtUp(server, store);
  });

  it('should show a restart of the endpoint and follow the new one without a reload', async () => {
    const first = await endpoint();
    first.engine.call('CreateStream', { StreamName: 'before', ShardCount: 1 });
    const port = first.port;
    const { store, attachment } = attachPage(first);
    await until(() => attachment.view.getState().link === 'connected');
    const seen: string[] = [];
    attachment.view.subscribe((state, previous) => {
      if (state.link !== previous.link) seen.push(state.link);
    });
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until(() => attachment.view.getState().link === 'reconnecting');
    const second = await endpoint(port);
    second.engine.call('CreateStream', { StreamName: 'after', ShardCount: 1 });
    await until(() => store.getState().engine.stream('after') !== undefined);
    expect(store.getState().engine.stream('before')).toBeUndefined();
    expect(seen).toContain('restarted');
    await until(() => attachment.view.getState().link === 'connected');
  });

  it('should drop what waits past its bound and start again from a snapshot, missing nothing', async () => {
    const server = await endpoint();
    server.engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const { store, attachment, snapshots } = attachPage(server, 10);
    await until(() => attachment.view.getState().link === 'connected');
    expect(snapshots()).toBe(1);
    attachment.freeze();
    for (let i = 0; i < 25; i++) put(server, `w${i}`);
    await pause(200);
    expect(attachment.view.getState().waiting).toBeLessThanOrEqual(10);
    attachment.goLive();
    await until(() => store.getState().engine.stream('s')!.shards[0]!.records.length === 25);
    // The page took the endpoint's state afresh rather than holding every call.
    expect(snapshots()).toBe(2);
    await caughtUp(server, store);
  });
});
