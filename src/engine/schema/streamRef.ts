import type { Profile } from '../options';
import { StreamARN, StreamName } from './common';
import { required, type Member } from './shapes';

/** How an operation names its stream: StreamName alone in 2017-07, StreamName or StreamARN now. */
export const streamRef = (profile: Profile): Record<string, Member> =>
  profile === 'current' ? { StreamName, StreamARN } : { StreamName: required(StreamName) };
