import * as d3 from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerTicks, placeMarkerLabels, timeTicks } from './labels';

describe('time ticks', () => {
  it('never repeat a label and never run past the axis, whatever the span and width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_500_000_000_000, max: 1_600_000_000_000 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.integer({ min: 80, max: 2000 }),
        fc.integer({ min: 5, max: 12 }),
        (start, span, width, charPx) => {
          const x = d3
            .scaleLinear()
            .domain([start, start + span])
            .range([0, width]);
          const ticks = timeTicks(x, width, charPx);
          expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
          // Neighbouring labels never touch.
          for (let i = 1; i < ticks.length; i++)
            expect(x(ticks[i]!.value) - x(ticks[i - 1]!.value)).toBeGreaterThanOrEqual(
              ticks[i]!.label.length * charPx + 14,
            );
          for (const t of ticks) {
            const half = (t.label.length * charPx + 14) / 2;
            expect(x(t.value) - half).toBeGreaterThanOrEqual(-1e-9);
            expect(x(t.value) + half).toBeLessThanOrEqual(width + 1e-9);
          }
        },
      ),
    );
  });

  it('show milliseconds when a second spans the axis', () => {
    const start = Date.UTC(2017, 6, 14, 2, 40, 0);
    const x = d3
      .scaleLinear()
      .domain([start, start + 2500])
      .range([0, 600]);
    const labels = timeTicks(x, 600, 7).map((t) => t.label);
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.every((l) => /^02:40:0\d\.\d{3}$/.test(l))).toBe(true);
  });
});

describe('integer ticks', () => {
  it('are whole and distinct even for a handful of records', () => {
    const x = d3.scaleLinear().domain([0, 3]).range([0, 500]);
    const ticks = integerTicks(x, 500, 8);
    expect(ticks).toEqual([0, 1, 2, 3]);
    // Narrow: a whole label apart.
    expect(integerTicks(d3.scaleLinear().domain([0, 3]).range([0, 100]), 100, 8)).toEqual([0, 2]);
  });
});

describe('marker labels', () => {
  it('never overlap, and each marker keeps at least its short label when markers are apart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 40 }),
        fc.integer({ min: 6, max: 12 }),
        (xs, charPx) => {
          const markers = [...xs].sort((a, b) => a - b).map((x) => ({ x, short: 'TH', long: 'TH 4m 59s' }));
          const shown = placeMarkerLabels(markers, charPx);
          let end = -Infinity;
          shown.forEach((text, i) => {
            if (text === null) return;
            const start = markers[i]!.x + 7;
            expect(start).toBeGreaterThanOrEqual(end);
            end = start + text.length * charPx;
          });
        },
      ),
    );
  });

  it('give the long label where it clears the next marker and the short one where it does not', () => {
    const markers = [
      { x: 0, short: 'TH', long: 'TH 4m 59s' },
      { x: 30, short: 'L', long: 'L 4m 59s' },
      { x: 300, short: 'N', long: 'N 4m 59s' },
    ];
    expect(placeMarkerLabels(markers, 8)).toEqual(['TH', 'L 4m 59s', 'N 4m 59s']);
  });

  it('keep the last long label inside the drawing', () => {
    expect(placeMarkerLabels([{ x: 280, short: 'N', long: 'N 4 min' }], 8, 7, 300)).toEqual(['N']);
    expect(placeMarkerLabels([{ x: 200, short: 'N', long: 'N 4 min' }], 8, 7, 300)).toEqual(['N 4 min']);
  });

  it('hide a label that would overprint the one before', () => {
    const markers = [
      { x: 0, short: 'TH' },
      { x: 3, short: 'N' },
      { x: 6, short: 'N' },
    ];
    expect(placeMarkerLabels(markers, 8)).toEqual(['TH', null, null]);
  });
});
