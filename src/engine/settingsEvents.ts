import type { Context } from './context';
import type { StreamState } from './state';

/**
 * Says on the event feed what the stream's settings are now (retention, encryption, mode, record
 * size). Called wherever one of them takes a new value, and once when the stream is created, so a
 * reader of the feed always knows them without reading the state.
 */
export function announceSettings(ctx: Context, stream: StreamState): void {
  ctx.emit({
    type: 'streamChanged',
    t: ctx.now(),
    stream: stream.name,
    retentionHours: stream.retentionHours,
    encryptionType: stream.encryptionType,
    ...(stream.keyId !== undefined ? { keyId: stream.keyId } : {}),
    streamMode: stream.streamMode,
    maxRecordSizeKiB: stream.maxRecordSizeKiB,
  });
}
