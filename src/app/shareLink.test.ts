import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest } from '../engine';
import type { Entry } from '../journal/world';
import { DEFAULT_SETTINGS, createSimulatorStore, type Settings } from '../store';
import type { Session } from './session';
import { checkOf, decodeSessionToken, encodeSessionToken, shareUrl, tokenFromHash } from './shareLink';
import { buildWorld, simulationFor } from './simulation';

const settingsArb: fc.Arbitrary<Settings> = fc.record({
  profile: fc.constantFrom('current', '2017-07'),
  timing: fc.constantFrom('realistic', 'fast', 'minutes'),
  throughput: fc.boolean(),
  apiRates: fc.boolean(),
  accountId: fc.stringMatching(/^\d{12}$/),
  region: fc.constantFrom('us-east-1', 'eu-west-2', 'ap-southeast-1'),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  startTime: fc.integer({ min: 0, max: 4_000_000_000_000 }),
});

/** Inputs as a session holds them: plain values, Uint8Array data, Date timestamps, nesting. */
const inputArb = fc
  .record({
    StreamName: fc.string({ maxLength: 20 }),
    ShardCount: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
    Data: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
    Timestamp: fc.option(
      fc.integer({ min: 0, max: 4_000_000_000_000 }).map((t) => new Date(t)),
      { nil: undefined },
    ),
    Records: fc.option(
      fc.array(fc.record({ PartitionKey: fc.string({ maxLength: 10 }), Data: fc.uint8Array({ maxLength: 16 }) }), {
        maxLength: 4,
      }),
      { nil: undefined },
    ),
    Tags: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 })), {
      nil: undefined,
    }),
  })
  .map((input) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));

const sessionArb: fc.Arbitrary<Session> = settingsArb.chain((settings) =>
  fc
    .array(
      fc.tuple(
        fc.nat(100_000),
        fc.constantFrom('CreateStream', 'PutRecord', 'PutRecords', 'AddTagsToStream', 'kms:DisableKey'),
        inputArb,
      ),
      { maxLength: 12 },
    )
    .map((raw) => {
      let t = settings.startTime;
      const journal: Entry[] = raw.map(([gap, operation, input]) => ({ t: (t += gap), operation, input }));
      return { settings, journal, now: t + 5 };
    }),
);

describe('share links', () => {
  it('should give back exactly the session it was made from (any settings, data bytes, dates, nesting)', () => {
    fc.assert(
      fc.property(sessionArb, (session) => {
        const decoded = decodeSessionToken(encodeSessionToken(session));
        expect(decoded).toEqual({ ok: true, session });
      }),
      { numRuns: 150 },
    );
  });

  it('should reproduce the same world (traffic included) when the decoded session is replayed, in a short link', () => {
    const store = createSimulatorStore({ settings: { timing: 'fast', seed: 9 } });
    const sim = simulationFor(store);
    sim.call('CreateStream', { StreamName: 's', ShardCount: 4 });
    store.getState().advanceBy(1000);
    sim.addProducer({
      id: 'hot',
      stream: 's',
      rate: 1500,
      keys: { kind: 'hot', key: 'customer-1', share: 0.8 },
      payloadBytes: 100,
      batch: 500,
      maxRetries: 3,
      backoffMs: 100,
    });
    sim.addConsumer({ id: 'reader', stream: 's', pollMs: 1000, limit: 1000, initialPosition: 'TRIM_HORIZON' });
    store.getState().advanceBy(9000);
    sim.call('SplitShard', {
      StreamName: 's',
      ShardToSplit: 'shardId-000000000000',
      NewStartingHashKey: '12345678901234567890',
    });
    store.getState().advanceBy(3000);
    expect(store.getState().feed.calls.total).toBeGreaterThan(100);
    const token = encodeSessionToken(sim.session());
    // Intent, not volume: thousands of traffic records fit in a link of a few hundred characters.
    expect(token.length).toBeLessThan(2000);
    const decoded = decodeSessionToken(token);
    if (!decoded.ok) throw new Error(decoded.error);
    const again = buildWorld(decoded.session.settings, decoded.session.journal, decoded.session.now);
    expect(checkpointDigest(again.world.engine.snapshot().checkpoint)).toBe(
      checkpointDigest(store.getState().engine.snapshot().checkpoint),
    );
  });

  it('should refuse a tampered link with a clear message', () => {
    const token = encodeSessionToken({
      settings: DEFAULT_SETTINGS,
      journal: [
        { t: DEFAULT_SETTINGS.startTime, operation: 'CreateStream', input: { StreamName: 'a', ShardCount: 2 } },
      ],
      now: DEFAULT_SETTINGS.startTime,
    });
    const [format, payload, check] = token.split('.') as [string, string, string];
    fc.assert(
      fc.property(
        fc.nat(payload.length - 1),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        (i, c) => {
          fc.pre(payload[i] !== c);
          const edited = `${format}.${payload.slice(0, i)}${c}${payload.slice(i + 1)}.${check}`;
          const result = decodeSessionToken(edited);
          return !result.ok && /damaged/.test(result.error);
        },
      ),
      { numRuns: 200 },
    );
    const cut = decodeSessionToken(token.slice(0, token.length - 12));
    expect(cut.ok === false && cut.error).toMatch(/damaged|cut short/);
    const garbage = decodeSessionToken('hello world');
    expect(garbage.ok === false && garbage.error).toMatch(/not a Shardscope share link/);
  });

  it('should say clearly why a link of another format cannot open', () => {
    const token = encodeSessionToken({ settings: DEFAULT_SETTINGS, journal: [], now: DEFAULT_SETTINGS.startTime });
    const newer = decodeSessionToken(token.replace(/^1\./, '7.'));
    expect(newer.ok === false && newer.error).toMatch(/made by a newer Shardscope \(link format 7\)/);
    const older = decodeSessionToken(token.replace(/^1\./, '0.'));
    expect(older.ok === false && older.error).toMatch(/Link format 0 is no longer supported/);
  });

  it('should refuse a well-formed link whose session breaks the schema', async () => {
    const { strToU8, zlibSync } = await import('fflate');
    const bad = JSON.stringify({
      schema: 'shardscope-session',
      version: 1,
      settings: { ...DEFAULT_SETTINGS, seed: 'x' },
      now: 0,
      commands: [],
    });
    const payload = btoa(String.fromCharCode(...zlibSync(strToU8(bad))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const result = decodeSessionToken(`1.${payload}.${checkOf(payload)}`);
    expect(result.ok === false && result.error).toMatch(
      /invalid session: Invalid session: "settings.seed" must be a whole number/,
    );
  });

  it('should put the token in the fragment and read it back', () => {
    const session = { settings: DEFAULT_SETTINGS, journal: [], now: DEFAULT_SETTINGS.startTime };
    const url = new URL(shareUrl('https://docs.example/kinesis/shardscope/?x=1#old', session));
    expect(url.pathname).toBe('/kinesis/shardscope/');
    expect(url.search).toBe('?x=1');
    expect(decodeSessionToken(tokenFromHash(url.hash)!)).toEqual({ ok: true, session });
  });
});

describe('share links that would hurt', () => {
  it('should refuse a link whose time no date can show, instead of opening a page that cannot draw', () => {
    const session: Session = { settings: DEFAULT_SETTINGS, journal: [], now: 8.64e15 + 1 };
    const result = decodeSessionToken(encodeSessionToken(session));
    expect(result.ok === false && result.error).toMatch(/"now"/);
  });

  it('should refuse a small link that unpacks to more than a session can be, without unpacking it all', async () => {
    const { strToU8, zlibSync } = await import('fflate');
    const bomb = zlibSync(strToU8(' '.repeat(40 * 1024 * 1024)), { level: 9 });
    const payload = btoa(String.fromCharCode(...bomb))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(payload.length).toBeLessThan(100_000);
    const result = decodeSessionToken(`1.${payload}.${checkOf(payload)}`);
    expect(result.ok === false && result.error).toMatch(/more than 32 MB once unpacked/);
  });
});
