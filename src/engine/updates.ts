import type { Context } from './context';
import type { PendingUpdate, StreamState } from './state';

/** Puts the stream in UPDATING and schedules the moment the change completes. */
export function beginUpdate(ctx: Context, stream: StreamState, update: PendingUpdate, durationMs: number): void {
  const now = ctx.now();
  stream.status = 'UPDATING';
  stream.pending = update;
  ctx.emit({
    type: 'streamStatus',
    t: now,
    stream: stream.name,
    status: 'UPDATING',
    previous: 'ACTIVE',
    reason: update.kind,
  });
  if (update.kind === 'UpdateShardCount') {
    // Splits first, merges later: the short-lived shards in between are visible for a while.
    ctx.schedule(now + Math.floor(durationMs / 2), {
      kind: 'updateDone',
      stream: stream.name,
      generation: stream.generation,
      phase: 'splits',
    });
    ctx.schedule(now + durationMs, {
      kind: 'updateDone',
      stream: stream.name,
      generation: stream.generation,
      phase: 'merges',
    });
  } else {
    ctx.schedule(now + durationMs, { kind: 'updateDone', stream: stream.name, generation: stream.generation });
  }
}

/** Ends an update: the stream is ACTIVE again. */
export function finishUpdate(ctx: Context, stream: StreamState): void {
  const reason = stream.pending?.kind;
  delete stream.pending;
  stream.status = 'ACTIVE';
  ctx.emit({
    type: 'streamStatus',
    t: ctx.now(),
    stream: stream.name,
    status: 'ACTIVE',
    previous: 'UPDATING',
    ...(reason ? { reason } : {}),
  });
}
