import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, KinesisError, OPERATIONS, PROFILES } from '../index';
import { ARN_MATCHERS } from '../schema/arnPatterns';
import type { Shape } from '../schema/shapes';
import { patternOf } from '../schema/text';

/** Every string pattern of every operation's input, under both profiles. */
function allPatterns(): string[] {
  const found = new Set<string>();
  const walk = (shape: Shape, seen: Set<Shape>): void => {
    if (seen.has(shape)) return;
    seen.add(shape);
    if (shape.type === 'string' && shape.pattern !== undefined) found.add(shape.pattern);
    if (shape.type === 'list') walk(shape.member, seen);
    if (shape.type === 'map') {
      walk(shape.key, seen);
      walk(shape.value, seen);
    }
    if (shape.type === 'structure') for (const member of Object.values(shape.members)) walk(member, seen);
  };
  for (const profile of PROFILES)
    for (const def of OPERATIONS.values()) if (def.profiles.includes(profile)) walk(def.input(profile), new Set());
  return [...found];
}

/** The literal runs of a pattern (what an attacker repeats to make a backtracking engine work). */
const piecesOf = (pattern: string): string[] =>
  [
    ...pattern
      .replace(/\\d\{\d+\}/g, '123456789012')
      .replace(/\\/g, '')
      .split(/[.*+?|()[\]{}^$]+/),
    ':123456789012:',
    'stream/',
    '/consumer/a:1',
    'a',
    '0',
    '9',
  ].filter((piece) => piece !== '');

const ONE_MIB = 1024 * 1024;

/**
 * Real time a call takes, the fastest of three tries: the one place the engine's tests read a host
 * clock, on purpose. Backtracking is slow every time; a busy machine only slows one try.
 */
function elapsedMs(run: () => void): number {
  // eslint-disable-next-line no-restricted-globals -- measuring real work, not simulated time
  const clock = performance;
  let fastest = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = clock.now();
    run();
    fastest = Math.min(fastest, clock.now() - started);
  }
  return fastest;
}

/** Texts of about `size` characters that keep a matcher guessing to the end, then fail. */
function adversarialTexts(pattern: string, size: number): string[] {
  const pieces = piecesOf(pattern);
  const texts: string[] = [];
  for (const breaker of ['\n', ' ', '!', '']) {
    for (const piece of pieces) texts.push(`arn:aws${piece.repeat(Math.ceil(size / piece.length))}${breaker}`);
    const round = pieces.join('');
    texts.push(`arn:aws${round.repeat(Math.ceil(size / round.length))}${breaker}`);
    texts.push(`${'1'.repeat(size)}${breaker}`);
  }
  return texts;
}

describe('validation patterns', () => {
  const patterns = allPatterns();

  it('should find the ARN patterns among the schemas (and a hand matcher for each)', () => {
    expect(patterns.length).toBeGreaterThanOrEqual(6);
    for (const source of ARN_MATCHERS.keys()) expect(patterns).toContain(source);
  });

  it.each(allPatterns())('should judge 1 MiB adversarial texts against %s in under 50 ms each', (pattern) => {
    const matcher = patternOf(pattern);
    matcher.test('warm up');
    for (const text of adversarialTexts(pattern, ONE_MIB)) {
      expect(elapsedMs(() => matcher.test(text))).toBeLessThan(50);
    }
  });

  it.each([...ARN_MATCHERS.keys()])('should accept exactly what the regular expression %s accepts', (pattern) => {
    const regex = new RegExp(`^(?:${pattern})$`, 'u');
    const matcher = patternOf(pattern);
    const fragment = fc.constantFrom(
      'arn',
      'arn:aws',
      ':aws',
      '-cn',
      ':kinesis:',
      'kinesis',
      ':',
      'us-east-1',
      ':123456789012:',
      '123456789012',
      '1',
      'stream/',
      'stream',
      '/',
      '/consumer/',
      'consumer',
      'a',
      'b.c_d-e',
      ':17',
      ' ',
      '\n',
      '\r',
      '\u2028',
      '\u00a0',
      '\ufeff',
      '\t',
      'é',
      '\ud83d\ude00',
      '\ud83d',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(matcher.test(text)).toBe(regex.test(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('should agree with the regular expressions on real and nearly real ARNs', () => {
    const samples = [
      'arn:aws:kinesis:us-east-1:123456789012:stream/orders',
      'arn:aws-cn:kinesis:cn-north-1:123456789012:stream/orders/consumer/app:1700000000',
      'arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/app:',
      'arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/:17',
      'arn:aws:kinesis:us-east-1:123456789012:stream/ord ers',
      'arn:aws:kinesis:us-east-1:12345678901:stream/orders',
      'arn:aws:kinesis::123456789012:stream/x',
      'arn:aws:kinesis:\n:123456789012:stream/x',
      'arn:aws:kinesis:x:123456789012:fooSTREAM/x',
      'arn:aws:kinesis:x:123456789012:foostream/x',
      'arn:aws:kinesis:x:123456789012:foostream/x/consumer/y:0',
    ];
    for (const [source, matcher] of ARN_MATCHERS) {
      const regex = new RegExp(`^(?:${source})$`, 'u');
      for (const text of samples) expect(matcher(text), `${source} on ${text}`).toBe(regex.test(text));
    }
  });

  it('should refuse to compile a pattern with unbounded wildcards that has no hand matcher', () => {
    expect(() => patternOf('a.*b.*c')).toThrow(/linear-time matcher/);
  });
});

describe('a hostile ARN on the engine', () => {
  it('should answer a 59 KB ConsumerARN in DescribeStreamConsumer with a ValidationException in milliseconds', () => {
    const engine = createEngine();
    const arn = `arn:aws:kinesis:${':kinesis:'.repeat(3_000)}${':123456789012:'.repeat(2_500)}x`;
    expect(arn.length).toBeGreaterThan(59_000);
    let error: unknown;
    const took = elapsedMs(() => {
      try {
        engine.call('DescribeStreamConsumer', { ConsumerARN: arn });
      } catch (caught) {
        error = caught;
      }
    });
    expect(took).toBeLessThan(50);
    expect(error).toBeInstanceOf(KinesisError);
    expect((error as KinesisError).name).toBe('ValidationException');
    expect((error as KinesisError).message).toContain('Member must have length less than or equal to 2048');
  });
});
