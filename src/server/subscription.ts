/**
 * A successful SubscribeToShard over the wire: an event stream that sends the first event at
 * once, then the events the engine pushes on its clock, and ends with the subscription (5
 * minutes, takeover, deregistration, end of a closed shard). A reader that stops reading gets a
 * bounded buffer; past it the stream is cut (an HTTP/2 stream reset, or the HTTP/1.1 connection
 * closed): a Kinesis consumer must not silently miss records, and the engine keeps them, so the
 * reader can subscribe again from its last sequence number.
 */
import type { Engine } from '../engine/index';
import {
  EVENT_STREAM,
  firstEventFrame,
  followSubscription,
  initialResponseFrame,
  type WireFormat,
  type WireResponse,
} from '../protocol/index';
import type { WallClock } from './clock';
import { FlowControlledWriter } from './flow';
import type { Request, Response } from './http';

export interface SubscriptionHost {
  readonly engine: Engine;
  readonly clock: WallClock;
  readonly bufferBytes: number;
  readonly reportFault: (error: unknown) => void;
  readonly log: (line: string) => void;
  /** Open streams: how to end each (shutdown) and its writer (to count what it holds). */
  readonly open: Map<() => void, FlowControlledWriter>;
}

export function openSubscription(
  host: SubscriptionHost,
  req: Request,
  res: Response,
  response: WireResponse,
  consumerArn: string,
  format: WireFormat,
): void {
  const { engine, clock } = host;
  const follower = followSubscription(engine, consumerArn, format);
  res.writeHead(200, { ...response.headers, 'Content-Type': EVENT_STREAM });
  let cut = false;
  const writer = new FlowControlledWriter(res, host.bufferBytes, () => {
    cut = true;
    host.log(
      `SubscribeToShard ${consumerArn} (${follower.shardId ?? '?'}): the reader fell ${host.bufferBytes} bytes behind; stream cut\n`,
    );
    stop();
    // An error, so HTTP/2 resets the stream (INTERNAL_ERROR) rather than ending it as if complete.
    res.destroy(new Error('SubscribeToShard reader too far behind'));
  });
  writer.write(initialResponseFrame(format));
  writer.write(firstEventFrame(response.body, format));
  if (follower.shardId === undefined) {
    writer.close();
    res.end();
    return;
  }
  // The engine says when this subscription pushed or ended (its clock fires on the wall clock's
  // timer), and the frames go out then: no polling.
  const pump = () => {
    if (stopped) return;
    const { frames, ended } = follower.take();
    for (const frame of frames) if (!writer.write(frame)) return;
    if (ended) stop();
  };
  const unsubscribe = follower.onChange(pump);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    host.open.delete(stop);
    writer.close();
    if (!cut) res.end();
  };
  host.open.set(stop, writer);
  req.on('close', stop);
  res.on('close', stop);
  try {
    clock.sync();
    clock.reschedule();
  } catch (error) {
    host.reportFault(error);
  }
  pump();
}
