import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest, type Engine } from '../engine';
import {
  BUILTIN_SCENARIOS,
  Guide,
  advanceRunner,
  builtinScenario,
  createRunner,
  parseScenario,
  runToEnd,
  validateScenario,
} from '.';
import { finalStateOf, type ScenarioExpectation } from './expectations';
import { hostFor, worldFor } from './guideHost.testing';
import recorded from './expectations.json';

const digest = (engine: Engine) => checkpointDigest(engine.snapshot().checkpoint);

const minimal = () => ({
  schema: 'shardscope-scenario',
  version: 1,
  name: 'tiny',
  title: 'Tiny',
  seed: 1,
  startTime: 1_500_000_000_000,
  settings: { profile: 'current', timing: 'fast' },
  steps: [{ at: 0, do: 'call', operation: 'CreateStream', input: { StreamName: 's', ShardCount: 1 } }] as unknown[],
});

describe('built-in scenarios', () => {
  it('has at least six lessons, each with captions and at least one continue gate', () => {
    expect(BUILTIN_SCENARIOS.length).toBeGreaterThanOrEqual(6);
    for (const s of BUILTIN_SCENARIOS) {
      expect(s.steps.filter((step) => step.do === 'caption').length, s.name).toBeGreaterThanOrEqual(3);
      expect(
        s.steps.some((step) => step.do === 'pause'),
        s.name,
      ).toBe(true);
    }
  });

  const results: Record<string, ScenarioExpectation> = {};
  for (const scenario of BUILTIN_SCENARIOS) {
    it(`should run ${scenario.name} to its end with every call as the lesson expects, ending in the recorded state`, () => {
      const world = worldFor(scenario);
      let calls = 0;
      world.engine.subscribe((e) => void (e.type === 'call' && calls++));
      const state = createRunner();
      runToEnd(scenario, state, world);
      expect(state.surprises).toEqual([]);
      const final = finalStateOf(world.engine, calls);
      results[scenario.name] = final;
      if (!process.env.UPDATE_SCENARIO_EXPECTATIONS)
        expect(final).toEqual((recorded as Record<string, ScenarioExpectation>)[scenario.name]);
    });
  }
  it('records the expectations when asked (UPDATE_SCENARIO_EXPECTATIONS=1)', () => {
    if (process.env.UPDATE_SCENARIO_EXPECTATIONS)
      writeFileSync(new URL('./expectations.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
    expect(Object.keys(recorded).sort()).toEqual(BUILTIN_SCENARIOS.map((s) => s.name).sort());
  });

  it('should show the lessons their facts: throttling in hot-shard, KMS failures in encryption, parents before children in split-merge', () => {
    const hot = builtinScenario('hot-shard')!;
    const hotWorld = worldFor(hot);
    runToEnd(hot, createRunner(), hotWorld);
    const [hotProducer, spread] = hotWorld.traffic.producers;
    expect(hotProducer!.stats.throttled).toBeGreaterThan(0);
    expect(spread!.stats.throttled).toBe(0);

    const enc = builtinScenario('encryption')!;
    const encWorld = worldFor(enc);
    runToEnd(enc, createRunner(), encWorld);
    expect(encWorld.traffic.producers[0]!.stats.lastError).toMatch(/^KMSDisabledException/);

    const sm = builtinScenario('split-merge')!;
    const smWorld = worldFor(sm);
    const engine = smWorld.engine;
    const reads: { shard: string; t: number; end: boolean }[] = [];
    engine.subscribe((e) => {
      if (e.type === 'call' && e.operation === 'GetShardIterator' && !e.error)
        reads.push({ shard: (e.input as { ShardId: string }).ShardId, t: e.t, end: false });
      if (
        e.type === 'call' &&
        e.operation === 'GetRecords' &&
        e.output &&
        !(e.output as { NextShardIterator?: string }).NextShardIterator
      ) {
        reads.push({ shard: '', t: e.t, end: true });
      }
    });
    runToEnd(sm, createRunner(), smWorld);
    const parentEnd = reads.findIndex((r) => r.end);
    const firstChild = reads.findIndex((r) => r.shard === 'shardId-000000000002' || r.shard === 'shardId-000000000003');
    expect(parentEnd).toBeGreaterThanOrEqual(0);
    expect(firstChild).toBeGreaterThan(parentEnd);
  });
});

describe('validateScenario', () => {
  const reject = (mutate: (doc: ReturnType<typeof minimal>) => void) => {
    const doc = minimal();
    mutate(doc);
    const result = validateScenario(doc);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.error;
  };

  it('should accept a minimal scenario and fill defaults', () => {
    const result = validateScenario(minimal());
    expect(result.ok && result.scenario.settings).toEqual({
      profile: 'current',
      timing: 'fast',
      throughput: true,
      apiRates: true,
      accountId: '123456789012',
      region: 'us-east-1',
    });
  });
  it('should reject unknown fields, naming them and where they are', () => {
    expect(reject((d) => Object.assign(d, { script: 'alert(1)' }))).toMatch(
      /The scenario has an unknown field "script"/,
    );
    expect(reject((d) => d.steps.push({ at: 0, do: 'caption', text: 'x', onclick: 'x' }))).toMatch(
      /steps\[1\] has an unknown field "onclick"/,
    );
    expect(
      reject((d) =>
        d.steps.push({
          at: 0,
          do: 'call',
          operation: 'CreateStream',
          input: { StreamName: 'a', ShardCount: 1, Extra: 1 },
        }),
      ),
    ).toMatch(/steps\[1\]\.input has an unknown field "Extra"/);
  });
  it('should reject bad values with a clear message', () => {
    expect(reject((d) => (d.version = 2 as 1))).toMatch(/version 2 is not supported/);
    expect(reject((d) => d.steps.push({ at: -5, do: 'pause' }))).toMatch(
      /steps\[1\]\.at must be a whole number from 0/,
    );
    expect(reject((d) => d.steps.unshift({ at: 10, do: 'pause' }))).toMatch(
      /steps\[1\]\.at \(0\) is earlier than the step before it \(10\)/,
    );
    expect(reject((d) => d.steps.push({ at: 0, do: 'call', operation: 'DropTable', input: {} }))).toMatch(
      /"DropTable" is not a Kinesis operation/,
    );
    expect(
      reject((d) =>
        d.steps.push({ at: 0, do: 'call', operation: 'CreateStream', input: { StreamName: 'a', ShardCount: 'two' } }),
      ),
    ).toMatch(/steps\[1\]\.input does not fit CreateStream: SerializationException/);
    expect(
      reject((d) =>
        d.steps.push({
          at: 0,
          do: 'call',
          operation: 'PutRecord',
          input: { StreamName: 'a', PartitionKey: 'k', Data: { $code: 'x' } },
        }),
      ),
    ).toMatch(/unknown tag "\$code"/);
    expect(
      reject((d) =>
        d.steps.push({
          at: 0,
          do: 'startProducer',
          producer: { id: 'p', stream: 's', rate: 0, keys: { kind: 'uniform' } },
        }),
      ),
    ).toMatch(/steps\[1\]\.producer\.rate must be a number from 0.001/);
    expect(
      reject((d) =>
        d.steps.push({
          at: 0,
          do: 'startProducer',
          producer: { id: 'p', stream: 's', rate: 5, keys: { kind: 'hot', key: 'k', share: 2 } },
        }),
      ),
    ).toMatch(/keys\.share must be a number from 0 to 1/);
    expect(reject((d) => d.steps.push({ at: 0, do: 'kms', operation: 'kms:DeleteEverything', input: {} }))).toMatch(
      /steps\[1\]\.operation must be one of kms:CreateKey/,
    );
    expect(reject((d) => d.steps.push({ at: 0, do: 'run', code: '1' }))).toMatch(
      /steps\[1\]\.do must be one of call, kms/,
    );
  });
  it('should never throw, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateScenario(value);
        return result.ok === false && result.error.startsWith('Invalid scenario: ');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => parseScenario(text).ok === false),
      { numRuns: 200 },
    );
  });
  it('should reject any one corrupted step field of a built-in scenario without throwing', () => {
    const doc = JSON.parse(JSON.stringify(builtinScenario('split-merge'))) as { steps: Record<string, unknown>[] };
    fc.assert(
      fc.property(
        fc.nat(doc.steps.length - 1),
        fc.constantFrom('at', 'do', 'bogus'),
        fc.constantFrom(-1, 'x', null, [], {}),
        (i, key, value) => {
          const copy = structuredClone(doc);
          copy.steps[i]![key] = value;
          return validateScenario(copy).ok === false;
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the runner', () => {
  it('should hold virtual time at a continue gate until it is passed', () => {
    const s = builtinScenario('routing')!;
    const world = worldFor(s);
    const state = createRunner();
    expect(advanceRunner(s, state, world, s.startTime + 60_000)).toBe(s.startTime); // the start is a gate
    state.waiting = false;
    const reached = advanceRunner(s, state, world, s.startTime + 60_000);
    expect(reached).toBe(s.startTime + 1000); // the first pause step
    expect(world.now()).toBe(s.startTime + 1000);
    expect(state.waiting).toBe(true);
    expect(state.caption?.title).toBe('1 · A stream of four shards');
  });
});

describe('Guide (guided mode)', () => {
  it('should restore exactly the state of the previous stop on Back, dropping later own calls', () => {
    const s = builtinScenario('split-merge')!;
    const { box, host } = hostFor(s);
    const guide = new Guide(s, host);
    guide.skipToNextStop(); // to stop 1
    expect(guide.state.stop).toBe(1);
    const atStop1 = digest(box.world.engine);
    const commandsAtStop1 = box.world.journal().length;
    guide.next();
    guide.skipToNextStop(); // to stop 2
    box.world.act('PutRecord', { StreamName: 'events', PartitionKey: 'mine', Data: new Uint8Array([1]) }); // the person's own call
    expect(guide.state.stop).toBe(2);
    expect(guide.back()).toBe(true); // waiting at stop 2 → stop 1
    expect(guide.state.stop).toBe(1);
    expect(guide.state.waiting).toBe(true);
    expect(box.world.journal().length).toBe(commandsAtStop1);
    expect(digest(box.world.engine)).toBe(atStop1);
    // And forward again gives the same stop 2 as the first time (determinism), without the own call.
    guide.next();
    guide.skipToNextStop();
    expect(box.world.journal().some((c) => (c.input as { PartitionKey?: string }).PartitionKey === 'mine')).toBe(false);
  });

  it('should keep own calls made before the stop it goes back to', () => {
    const s = builtinScenario('routing')!;
    const { box, host } = hostFor(s);
    const guide = new Guide(s, host);
    guide.skipToNextStop(); // stop 1, the stream exists
    box.world.engine.advanceBy(1); // The person steps time, then calls.
    guide.next();
    guide.advance(box.world.engine.now()); // nothing due yet at this instant
    box.world.act('PutRecord', { StreamName: 'orders', PartitionKey: 'own', Data: new Uint8Array([2]) });
    guide.skipToNextStop(); // stop 2
    expect(guide.back()).toBe(true); // → stop 1: the own call came after stop 1, so it is gone
    expect(box.world.journal().some((c) => (c.input as { PartitionKey?: string }).PartitionKey === 'own')).toBe(false);
    expect(guide.back()).toBe(true); // → the start
    expect(box.world.engine.streams()).toEqual([]);
    expect(guide.back()).toBe(false);
  });

  it('should go back to the stop it last passed when Back is pressed between stops', () => {
    const s = builtinScenario('hot-shard')!;
    const { box, host } = hostFor(s);
    const guide = new Guide(s, host);
    guide.skipToNextStop();
    const atStop1 = digest(box.world.engine);
    guide.next();
    guide.advance(box.world.engine.now() + 3000); // playing, between stops
    expect(guide.state.waiting).toBe(false);
    guide.back();
    expect(digest(box.world.engine)).toBe(atStop1);
    expect(guide.state.stop).toBe(1);
  });
});
