/** Every case, by operation. */
import type { ConformanceCase } from '../case';
import { getShardIteratorCases } from './getShardIterator';

export const CASES: Readonly<Record<string, readonly ConformanceCase[]>> = {
  GetShardIterator: getShardIteratorCases,
};
