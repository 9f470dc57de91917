import { describe, expect, it } from 'vitest';
import { LAYOUTS, stageCells, VIEW_IDS } from './stageLayout';

const alone = (cells: readonly (readonly string[])[]) => cells.filter((c) => c.length === 1).map((c) => c[0]);

describe('the stage', () => {
  it('keeps the keyspace map, hash key space and shard lanes in cells of their own on a projector, the rest behind tabs', () => {
    for (const layout of ['grid', 'console-wide'] as const) {
      const cells = stageCells(layout, 'compact');
      expect(alone(cells)).toEqual(['keyspace-map', 'hash-key-space', 'shard-lanes']);
      expect(cells.flat().sort()).toEqual([...VIEW_IDS].sort());
    }
  });

  it('shows every view at once where there is room, and one with tabs in focus', () => {
    expect(alone(stageCells('grid', 'wide'))).toEqual([...VIEW_IDS]);
    expect(stageCells('focus', 'wide')).toEqual([VIEW_IDS]);
  });

  it("gives a caption's views the stage in every layout, every view still one click away", () => {
    for (const layout of LAYOUTS)
      for (const room of ['compact', 'wide'] as const) {
        const cells = stageCells(layout, room, ['throughput', 'timeline']);
        expect(cells.map((c) => c[0])).toEqual(['throughput', 'timeline']);
        expect(cells.flat().sort()).toEqual([...VIEW_IDS].sort());
      }
  });

  it('stacks every view on a phone, the ones a caption names first', () => {
    expect(stageCells('grid', 'narrow', ['shard-lanes']).map((c) => c[0])).toEqual([
      'shard-lanes',
      'keyspace-map',
      'hash-key-space',
      'timeline',
      'throughput',
      'inspector',
    ]);
  });
});
