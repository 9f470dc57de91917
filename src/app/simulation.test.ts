import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest } from '../engine';
import { createSimulatorStore, type SimulatorStore } from '../store';
import type { ProducerConfig } from '../traffic';
import { encodeSessionToken } from './shareLink';
import { buildWorld, progressOf, simulationFor } from './simulation';

const digestOf = (store: SimulatorStore) => checkpointDigest(store.getState().engine.snapshot().checkpoint);
const streamNames = (store: SimulatorStore) =>
  store
    .getState()
    .engine.streams()
    .map((s) => s.name);

const producer = (id: string, stream: string, rate = 50): ProducerConfig => ({
  id,
  stream,
  rate,
  keys: { kind: 'uniform' },
  payloadBytes: 40,
  batch: 100,
  maxRetries: 3,
  backoffMs: 100,
});

/** A store with one stream of its own, named `name`. */
function storeWith(name: string) {
  const store = createSimulatorStore({ settings: { timing: 'fast' } });
  const sim = simulationFor(store);
  sim.call('CreateStream', { StreamName: name, ShardCount: 1 });
  store.getState().advanceBy(1000);
  return { store, sim };
}

describe('opening share links', () => {
  it('should refuse a link whose traffic is malformed before replacing anything', () => {
    const { store, sim } = storeWith('mine');
    const { sim: theirs } = storeWith('theirs');
    const session = theirs.session();
    session.journal.push({ t: session.now, operation: 'traffic:startProducer', input: { id: 'p' } });
    const error = sim.openToken(encodeSessionToken(session));
    expect(error).toBe(
      "This share link cannot be opened: its journal could not be replayed: a producer's keys are uniform, fixed (keys), hot (key, share) or sequential (prefix). Nothing was loaded.",
    );
    expect(streamNames(store)).toEqual(['mine']);
    expect(sim.ui.getState().notice).toEqual({ kind: 'error', text: error });
    expect(sim.ui.getState().undo).toBeNull();
  });

  it('should bring the producers of a good link back, running, and keep the replaced session one Undo away', () => {
    const { sim: theirs, store: theirStore } = storeWith('theirs');
    theirs.addProducer(producer('p', 'theirs'));
    theirStore.getState().advanceBy(2000);
    const { store, sim } = storeWith('mine');
    expect(sim.openToken(theirs.shareToken())).toBeUndefined();
    expect(sim.ui.getState().notice?.text).toMatch(/its traffic is back \(1 producer, 0 consumers\)/);
    expect(digestOf(store)).toBe(digestOf(theirStore));
    const records = () => store.getState().engine.stream('theirs')!.shards[0]!.records.length;
    const before = records();
    store.getState().advanceBy(2000);
    expect(records()).toBeGreaterThan(before);
    sim.undo();
    expect(streamNames(store)).toEqual(['mine']);
  });
});

describe('lessons kept in sessions', () => {
  /** A store whose lesson stands waiting at its second stop. */
  const lessonAtStop2 = () => {
    const store = createSimulatorStore();
    const sim = simulationFor(store);
    expect(sim.load('split-merge')).toBeUndefined();
    for (let i = 0; i < 4; i++) sim.next(); // pass the gate, run to the next stop; twice
    return { store, sim };
  };

  it('should bring a shared lesson back at the stop it stood at, with its caption, and Back working', () => {
    const { store: theirs, sim: sharer } = lessonAtStop2();
    const before = progressOf(sharer.guide()!);
    expect(before).toMatchObject({ stop: 2, waiting: true });
    const store = createSimulatorStore();
    const sim = simulationFor(store);
    expect(sim.openToken(sharer.shareToken())).toBeUndefined();
    expect(progressOf(sim.guide()!)).toEqual(before);
    expect(sim.guide()!.state.caption).toEqual(sharer.guide()!.state.caption);
    expect(digestOf(store)).toBe(digestOf(theirs));
    expect(sim.ui.getState().notice?.text).toMatch(
      /^Opened a shared session: \d+ entries, replayed exactly; the lesson “.+” is back at stop 3 of 4; its traffic is back \(\d+ producers?, \d+ consumers?\)\.$/,
    );
    expect(sim.back()).toBe(true);
    expect(progressOf(sim.guide()!).stop).toBe(1);
  });

  it('should load nothing from a link whose lesson does not fit its journal', () => {
    const { sim: sharer } = lessonAtStop2();
    const session = sharer.session();
    (session.lesson as { place: { next: number } }).place.next -= 1;
    const { store, sim } = storeWith('mine');
    expect(sim.openToken(encodeSessionToken(session))).toBe(
      'This share link cannot be opened: its lesson cannot be resumed: place waits, but not at a stop of the lesson. Nothing was loaded.',
    );
    expect(streamNames(store)).toEqual(['mine']);
    expect(sim.guide()).toBeNull();
  });

  it('should keep the session a lesson replaced one Undo away', () => {
    const { store, sim } = storeWith('mine');
    sim.load('routing');
    expect(sim.guide()).not.toBeNull();
    sim.undo();
    expect(sim.guide()).toBeNull();
    expect(streamNames(store)).toEqual(['mine']);
  });
});

describe('the journal', () => {
  type Action =
    | { kind: 'frame'; wallMs: number; speed: number }
    | { kind: 'put'; key: string }
    | { kind: 'split' }
    | { kind: 'producer'; rate: number; batch: number }
    | { kind: 'consumer' }
    | { kind: 'pause' | 'resume' | 'stop'; which: number };

  const actionArb: fc.Arbitrary<Action> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('frame' as const),
        wallMs: fc.integer({ min: 1, max: 250 }),
        speed: fc.constantFrom(1, 10, 100, 1000),
      }),
    },
    fc.record({ kind: fc.constant('put' as const), key: fc.string({ maxLength: 6 }) }),
    fc.record({ kind: fc.constant('split' as const) }),
    fc.record({
      kind: fc.constant('producer' as const),
      rate: fc.integer({ min: 1, max: 3000 }),
      batch: fc.constantFrom(1, 10, 500),
    }),
    fc.record({ kind: fc.constant('consumer' as const) }),
    fc.record({ kind: fc.constantFrom('pause' as const, 'resume' as const, 'stop' as const), which: fc.nat(3) }),
  );

  it('should rebuild exactly the world that played live: calls, traffic, frames cut short by the budget, all alike', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 30 }), fc.boolean(), (actions, lesson) => {
        // A wall clock that moves 1 ms each time playback looks at it: a frame's budget runs out
        // after a few instants of traffic, so frames stop at arbitrary points in it.
        let looks = 0;
        const store = createSimulatorStore({ settings: { timing: 'fast' }, wallClock: () => looks++ });
        const sim = simulationFor(store);
        if (lesson) sim.load('hot-shard');
        else sim.call('CreateStream', { StreamName: 'live', ShardCount: 2 });
        const stream = lesson ? 'orders' : 'live';
        let generators = 0;
        for (const action of actions) {
          switch (action.kind) {
            case 'frame':
              if (lesson && sim.guide()!.state.waiting) sim.next();
              store.getState().setSpeed(action.speed);
              store.getState().play();
              store.getState().tick(action.wallMs);
              break;
            case 'put':
              sim.call('PutRecord', { StreamName: stream, PartitionKey: action.key || 'k', Data: new Uint8Array([1]) });
              break;
            case 'split':
              sim.call('SplitShard', {
                StreamName: stream,
                ShardToSplit: 'shardId-000000000000',
                NewStartingHashKey: '85070591730234615865843651857942052864',
              });
              break;
            case 'producer':
              sim.addProducer({ ...producer(`p${generators++}`, stream, action.rate), batch: action.batch });
              break;
            case 'consumer':
              sim.addConsumer({
                id: `c${generators++}`,
                stream,
                pollMs: 500,
                limit: 1000,
                initialPosition: 'TRIM_HORIZON',
              });
              break;
            default: {
              const list = [...sim.traffic().producers, ...sim.traffic().consumers];
              const target = list[action.which % Math.max(1, list.length)];
              if (!target) break;
              const kind = sim.traffic().producers.includes(target as never) ? 'producer' : 'consumer';
              const status = action.kind === 'pause' ? 'paused' : action.kind === 'resume' ? 'running' : 'stopped';
              sim.setStatus(kind, target.config.id, status);
            }
          }
        }
        const session = sim.session();
        const again = buildWorld(session.settings, session.journal, session.now);
        expect(checkpointDigest(again.world.engine.snapshot().checkpoint)).toBe(digestOf(store));
        expect(JSON.stringify(again.world.traffic)).toBe(JSON.stringify(sim.traffic()));
      }),
      { numRuns: 60 },
    );
  });
});
