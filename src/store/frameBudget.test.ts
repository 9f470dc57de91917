import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FrameBudget, MAX_SIMULATION_MS, MIN_SIMULATION_MS } from './frameBudget';

const VSYNC = 1000 / 60;

/**
 * A frame's interval on a 60 Hz display: the simulation's share plus what drawing costs, rounded
 * up to whole display frames, as a browser presents them.
 */
const presented = (simulationMs: number, drawingMs: number) => Math.ceil((simulationMs + drawingMs) / VSYNC) * VSYNC;

describe('FrameBudget', () => {
  it('should give the simulation its full share while frames come on time', () => {
    const budget = new FrameBudget();
    for (let i = 0; i < 100; i++) budget.observe(VSYNC);
    expect(budget.ms).toBe(MAX_SIMULATION_MS);
  });

  it('should shrink the share when drawing needs the frame, so nearly every frame is on time', () => {
    // Drawing costs 5 ms every frame and 9 ms more every fourth (a secondary view's turn).
    const budget = new FrameBudget();
    let late = 0;
    const frames = 2000;
    for (let i = 0; i < frames; i++) {
      const drawing = 5 + (i % 4 === 0 ? 9 : 0);
      const interval = presented(budget.ms, drawing);
      if (interval > VSYNC * 1.5) late++;
      budget.observe(interval);
    }
    expect(late / frames).toBeLessThan(0.04);
    // Still simulating, and no more than what leaves room for the heaviest drawing.
    expect(budget.ms).toBeGreaterThanOrEqual(MIN_SIMULATION_MS);
    expect(budget.ms).toBeLessThan(VSYNC - 9);
  });

  it('should keep most of its share when the odd frame comes late for reasons of its own', () => {
    // One frame in fifty is late whatever the simulation does (a collection, a busy neighbour).
    const budget = new FrameBudget();
    let total = 0;
    for (let i = 0; i < 5000; i++) {
      budget.observe(i % 50 === 0 ? 2 * VSYNC : VSYNC);
      total += budget.ms;
    }
    expect(total / 5000).toBeGreaterThan(MAX_SIMULATION_MS * 0.6);
  });

  it('should win its share back once drawing gets cheap again', () => {
    const budget = new FrameBudget();
    for (let i = 0; i < 30; i++) budget.observe(3 * VSYNC);
    expect(budget.ms).toBe(MIN_SIMULATION_MS);
    for (let i = 0; i < 300; i++) budget.observe(VSYNC);
    expect(budget.ms).toBe(MAX_SIMULATION_MS);
  });

  it('should leave a faster display most of its shorter frame', () => {
    const budget = new FrameBudget();
    for (let i = 0; i < 200; i++) budget.observe(1000 / 120);
    expect(budget.ms).toBeLessThanOrEqual((1000 / 120) * 0.6 + 1e-9);
  });

  it('should stay within its bounds whatever the intervals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -10, max: 1000, noNaN: false }), fc.constant(Number.NaN))),
        (intervals) => {
          const budget = new FrameBudget();
          for (const interval of intervals) {
            budget.observe(interval);
            expect(budget.ms).toBeGreaterThanOrEqual(MIN_SIMULATION_MS);
            expect(budget.ms).toBeLessThanOrEqual(MAX_SIMULATION_MS);
          }
        },
      ),
    );
  });
});
