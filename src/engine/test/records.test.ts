import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecordLog } from '../core/records';

interface Written {
  key: string;
  data: Uint8Array;
  arrival: number;
  fraction: number;
  encryption: number;
}

/** Records of mostly small payloads, now and then one bigger than a 64 KiB chunk. */
const records = fc.array(
  fc.record({
    size: fc.oneof(
      { weight: 100, arbitrary: fc.nat(300) },
      { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 140_000 }) },
    ),
    key: fc.string({ minLength: 1, maxLength: 8 }),
    step: fc.nat(3),
    encryption: fc.nat(3),
  }),
  { minLength: 1, maxLength: 2600, size: 'max' }, // past the first block's growth and two blocks of 1024
);

function fill(
  log: RecordLog,
  specs: readonly { size: number; key: string; step: number; encryption: number }[],
): Written[] {
  let arrival = 1_700_000_000_000;
  return specs.map((spec, i) => {
    arrival += spec.step;
    const data = new Uint8Array(spec.size).fill(i & 0xff);
    const written = { key: spec.key, data, arrival, fraction: (i % 97) / 97, encryption: spec.encryption };
    expect(
      log.push(written.key, utf8.encode(written.key).length, data, arrival, written.fraction, written.encryption),
    ).toBe(i);
    return written;
  });
}

const utf8 = new TextEncoder();
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

describe('RecordLog', () => {
  it('should give back every record it was given, by position, by range and in a copy', () => {
    fc.assert(
      fc.property(
        records,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3000 })), { maxLength: 6 }),
        (specs, reads) => {
          const log = RecordLog.forShard(1_700_000_000, 0);
          const written = fill(log, specs);
          expect(log.length).toBe(written.length);
          // Positions whose record differs from what was written (one expect: thousands are slow).
          const wrong = written.flatMap((w, i) =>
            log.partitionKey(i) === w.key &&
            log.arrival(i) === w.arrival &&
            log.hashFraction(i) === w.fraction &&
            log.encryption(i) === w.encryption &&
            log.dataSize(i) === w.data.length &&
            sameBytes(log.data(i), w.data)
              ? []
              : [i],
          );
          expect(wrong).toEqual([]);
          for (const [start, limit] of reads) {
            const from = start % written.length;
            const { records: out, next } = log.readFrom(
              from,
              limit,
              Number.MAX_SAFE_INTEGER,
              (sequenceNumber, arrival, data, key, encryption) => ({ sequenceNumber, arrival, data, key, encryption }),
            );
            expect(next).toBe(Math.min(written.length, from + limit));
            const misread = out.flatMap((r, k) => {
              const w = written[from + k]!;
              const same =
                r.sequenceNumber === log.sequenceNumber(from + k) &&
                r.arrival === w.arrival &&
                sameBytes(r.data, w.data) &&
                r.key === w.key &&
                r.encryption === w.encryption;
              return same ? [] : [from + k];
            });
            expect(misread).toEqual([]);
          }
          const t = written[written.length >> 1]!.arrival;
          expect(log.firstAtOrAfter(t)).toBe(written.findIndex((w) => w.arrival >= t));
          const half = written.length >> 1;
          const copy = log.copy(half);
          expect(copy.length).toBe(half);
          const miscopied = written
            .slice(0, half)
            .flatMap((w, i) =>
              copy.partitionKey(i) === w.key && copy.arrival(i) === w.arrival && sameBytes(copy.data(i), w.data)
                ? []
                : [i],
            );
          expect(miscopied).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('should stop a read at the byte budget, but always return one record', () => {
    const log = RecordLog.forShard(1_700_000_000, 0);
    fill(
      log,
      Array.from({ length: 1100 }, () => ({ size: 100, key: 'k', step: 1, encryption: 0 })),
    );
    expect(log.span(1000, 100, 101 * 50).next).toBe(1050); // across the block boundary at 1024
    expect(log.span(1000, 100, 10).next).toBe(1001);
    // A key counts by its UTF-8 bytes: 'é' is two.
    const accented = RecordLog.forShard(1_700_000_000, 0);
    fill(
      accented,
      Array.from({ length: 3 }, () => ({ size: 10, key: 'é', step: 1, encryption: 0 })),
    );
    expect(accented.span(0, 10, 24)).toEqual({ next: 2, bytes: 24 });
    // A read's payloads are copies: editing them leaves the log as it was.
    const { records: out } = log.readFrom(1020, 10, Number.MAX_SAFE_INTEGER, (_n, _a, data) => data);
    out[0]!.fill(0);
    expect(log.data(1020)[0]).toBe(1020 & 0xff);
  });

  it('should keep reading what it holds after releasing a prefix, and copies and frozen views keep their records', () => {
    fc.assert(
      fc.property(records, fc.nat(), fc.nat(), (specs, cut, more) => {
        const log = RecordLog.forShard(1_700_000_000, 0);
        const tally = { held: 0 };
        const counted = RecordLog.forShard(1_700_000_000, 0, tally);
        const written = fill(log, specs);
        fill(counted, specs);
        const frozen = log.frozen();
        const numbers = written.map((_, i) => log.sequenceNumber(i));
        const from = cut % (written.length + 1);
        log.release(from);
        counted.release(from);
        log.release(from - 1); // never moves back
        expect(log.retainedFrom).toBe(from);
        expect(tally.held).toBe(written.length - from);
        // What is held reads as before; searches start at the first record held.
        const misread = written.flatMap((w, i) =>
          i < from ||
          (log.partitionKey(i) === w.key &&
            log.arrival(i) === w.arrival &&
            sameBytes(log.data(i), w.data) &&
            log.sequenceNumber(i) === numbers[i])
            ? []
            : [i],
        );
        expect(misread).toEqual([]);
        expect(log.firstAtOrAfter(0)).toBe(from);
        if (from < written.length) {
          const { records: out } = log.readFrom(from, 50, Number.MAX_SAFE_INTEGER, (n, _a, data) => ({ n, data }));
          expect(out.map((r) => r.n)).toEqual(numbers.slice(from, from + 50));
        }
        // A copy holds the same records at the same positions; the frozen view still has all of them.
        const copy = log.copy();
        expect([copy.length, copy.retainedFrom]).toEqual([written.length, from]);
        for (let i = from; i < written.length; i += 97) expect(sameBytes(copy.data(i), written[i]!.data)).toBe(true);
        for (let i = 0; i < written.length; i += 97) expect(frozen.sequenceNumber(i)).toBe(numbers[i]);
        expect(sameBytes(frozen.data(0), written[0]!.data)).toBe(true);
        // And the log goes on taking records after the release.
        const extra = 1 + (more % 40);
        const last = written[written.length - 1]!.arrival;
        for (let k = 0; k < extra; k++) log.push('k', 1, new Uint8Array(10).fill(k), last + 1 + k, 0.5, 0);
        expect(log.length).toBe(written.length + extra);
        expect(log.data(log.length - 1)[0]).toBe(extra - 1);
        expect(log.firstAtOrAfter(last + extra)).toBe(log.length - 1);
      }),
      { numRuns: 15 },
    );
  });
});
