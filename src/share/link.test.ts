import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest, createEngine, type Command } from '../engine';
import { DEFAULT_SETTINGS, engineOptions, type Settings } from '../store';
import type { Session } from '../store/session';
import { decodeSessionToken, encodeSessionToken, shareUrl, tokenFromHash } from '.';

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
      const commands: Command[] = raw.map(([gap, operation, input]) => ({ t: (t += gap), operation, input }));
      return { settings, commands, now: t + 5 };
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

  it('should reproduce the same engine state when the decoded session is replayed', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, timing: 'fast', seed: 9 };
    const engine = createEngine(engineOptions(settings));
    engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
    for (let i = 0; i < 3000; i++) {
      engine.advanceBy(7);
      if (i === 1000)
        engine.call('SplitShard', {
          StreamName: 's',
          ShardToSplit: 'shardId-000000000000',
          NewStartingHashKey: '12345678901234567890',
        });
      try {
        engine.call('PutRecord', {
          StreamName: 's',
          PartitionKey: `key-${i % 97}`,
          Data: new TextEncoder().encode(`record ${i}`),
        });
      } catch {
        /* CREATING at first: the failures are part of the session too */
      }
    }
    const token = encodeSessionToken({ settings, commands: engine.commands().slice(), now: engine.now() });
    expect(token.length).toBeLessThan(2_000_000); // a URL browsers accept
    const decoded = decodeSessionToken(token);
    if (!decoded.ok) throw new Error(decoded.error);
    const again = createEngine(engineOptions(decoded.session.settings));
    for (const c of decoded.session.commands) {
      again.advanceTo(c.t);
      try {
        again.call(c.operation, c.input);
      } catch {
        /* failed calls fail again, identically */
      }
    }
    again.advanceTo(decoded.session.now);
    expect(checkpointDigest(again.snapshot().checkpoint)).toBe(checkpointDigest(engine.snapshot().checkpoint));
  });

  it('should refuse a tampered link with a clear message', () => {
    const token = encodeSessionToken({
      settings: DEFAULT_SETTINGS,
      commands: [
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
    const token = encodeSessionToken({ settings: DEFAULT_SETTINGS, commands: [], now: DEFAULT_SETTINGS.startTime });
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
    const { checkOf } = await import('./link');
    const result = decodeSessionToken(`1.${payload}.${checkOf(payload)}`);
    expect(result.ok === false && result.error).toMatch(
      /invalid session: Invalid session: "settings.seed" must be a whole number/,
    );
  });

  it('should put the token in the fragment and read it back', () => {
    const session = { settings: DEFAULT_SETTINGS, commands: [], now: DEFAULT_SETTINGS.startTime };
    const url = new URL(shareUrl('https://docs.example/kinesis/shardscope/?x=1#old', session));
    expect(url.pathname).toBe('/kinesis/shardscope/');
    expect(url.search).toBe('?x=1');
    expect(decodeSessionToken(tokenFromHash(url.hash)!)).toEqual({ ok: true, session });
  });
});

describe('share links and traffic', () => {
  const session: Session = { settings: DEFAULT_SETTINGS, commands: [], now: DEFAULT_SETTINGS.startTime };

  it('should carry the traffic part as it was given (the traffic layer checks it when opened)', () => {
    const traffic = { producers: [{ status: 'paused', config: { id: 'p', stream: 's', rate: 3 } }], consumers: [] };
    const decoded = decodeSessionToken(encodeSessionToken({ ...session, traffic }));
    expect(decoded.ok && decoded.session.traffic).toEqual(traffic);
    const plain = decodeSessionToken(encodeSessionToken(session));
    expect(plain.ok && 'traffic' in plain.session).toBe(false);
  });
});
