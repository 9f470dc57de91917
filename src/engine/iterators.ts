import type { Context } from './context';
import { openToken, sealToken } from './core/tokens';
import { KinesisError, invalidArgument, resourceNotFound } from './errors';
import { shardDoesNotExist } from './messages';
import type { IteratorState, IteratorType, ShardState, StreamState } from './state';

/** Iterators expire five minutes after they were issued. */
export const ITERATOR_LIFETIME_MS = 300_000;

/** Issues an iterator at a record position, remembers it for the views, and schedules its expiry. */
export function issueIterator(
  ctx: Context,
  stream: StreamState,
  shard: ShardState,
  type: IteratorType | 'NEXT',
  position: number,
): string {
  return issueIteratorWithId(ctx, stream, shard, type, position).token;
}

/** issueIterator, also answering the engine's id of the iterator (as its events name it). */
export function issueIteratorWithId(
  ctx: Context,
  stream: StreamState,
  shard: ShardState,
  type: IteratorType | 'NEXT',
  position: number,
): { token: string; id: number } {
  const now = ctx.now();
  const id = ctx.state.nextIteratorId++;
  const iterator: IteratorState = {
    id,
    streamName: stream.name,
    generation: stream.generation,
    shardId: shard.id,
    type,
    position,
    issuedAt: now,
    /** The last instant GetRecords accepts it. */
    expiresAt: now + ITERATOR_LIFETIME_MS,
    expired: false,
  };
  ctx.state.iterators.set(id, iterator);
  // An iterator is refused once it is older than the tolerated delay: from expiresAt + 1 ms.
  ctx.schedule(iterator.expiresAt + 1, { kind: 'iteratorExpiry', iteratorId: id });
  ctx.emit({
    type: 'iteratorIssued',
    t: now,
    stream: stream.name,
    shardId: shard.id,
    iteratorId: id,
    iteratorType: type,
    position,
  });
  return {
    token: sealToken(ctx.tokenSecret, 'it', [id, stream.generation, shard.index, position, now, stream.name]),
    id,
  };
}

export interface OpenedIterator {
  readonly id: number;
  readonly stream: StreamState;
  readonly shard: ShardState;
  readonly position: number;
  readonly issuedAt: number;
}

export const invalidIterator = () => invalidArgument('Invalid ShardIterator.');

/** "Thu Jan 22 01:22:02 UTC 2015", as the service prints instants in ExpiredIteratorException. */
export function amzUtcString(ms: number): string {
  const match = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(new Date(ms).toUTCString());
  if (!match) return new Date(ms).toISOString();
  const [, day, date, month, year, time] = match;
  return `${day} ${month} ${date} ${time} UTC ${year}`;
}

/** Opens an iterator token: checks its seal, its age and that its stream and shard still exist. */
export function openIterator(ctx: Context, token: string): OpenedIterator {
  const fields = openToken(ctx.tokenSecret, 'it', token);
  if (!fields || fields.length < 6) throw invalidIterator();
  const [id, generation, shardIndex, position, issuedAt, ...nameParts] = fields.map(String);
  const name = nameParts.join('/');
  const now = ctx.now();
  const issued = Number(issuedAt);
  if (now - issued > ITERATOR_LIFETIME_MS) {
    const expiredOn = ctx.state.streams.get(name);
    if (expiredOn && expiredOn.generation === Number(generation)) {
      ctx.callStream = name;
      const shard = expiredOn.shards[Number(shardIndex)];
      ctx.emit({
        type: 'failed',
        t: now,
        stream: name,
        ...(shard ? { shardId: shard.id } : {}),
        operation: 'GetRecords',
        errorCode: 'ExpiredIteratorException',
        direction: 'read',
        count: 1,
      });
    }
    throw new KinesisError(
      'ExpiredIteratorException',
      `Iterator expired. The iterator was created at time ${amzUtcString(issued)} while right now it is ${amzUtcString(now)} which is further in the future than the tolerated delay of ${ITERATOR_LIFETIME_MS} milliseconds.`,
    );
  }
  const stream = ctx.state.streams.get(name);
  const shard = stream?.shards[Number(shardIndex)];
  if (stream && stream.generation === Number(generation)) ctx.callStream = name;
  if (!stream || stream.generation !== Number(generation) || !shard) {
    throw resourceNotFound(shardDoesNotExist(`shardId-${String(shardIndex).padStart(12, '0')}`, name, ctx.account));
  }
  return { id: Number(id), stream, shard, position: Number(position), issuedAt: issued };
}
