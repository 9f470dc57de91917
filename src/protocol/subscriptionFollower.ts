/**
 * Following one SubscribeToShard subscription on the wire: the events the engine has pushed since
 * the last look, as event-stream frames, and whether the subscription has ended. The engine says
 * when to look (a push for this subscription, or its end), so neither the endpoint nor the
 * in-page SDK handler polls; each only moves its clock and writes what this gives it.
 */
import { parseConsumerArn, subscriptionEvents, type Engine } from '../engine/index';
import { subscribeEventFrame } from './eventStream';
import type { WireFormat } from './format';

export interface SubscriptionFollower {
  /** The subscription the call opened (undefined when it ended at once). */
  readonly shardId: string | undefined;
  /** Frames for the events pushed since the last take; `ended` once the subscription is over. */
  take(): { frames: Uint8Array[]; ended: boolean };
  /** Calls `listener` whenever this subscription may have pushed or ended; returns what stops it. */
  onChange(listener: () => void): () => void;
}

export function followSubscription(engine: Engine, consumerArn: string, format: WireFormat): SubscriptionFollower {
  const streamName = parseConsumerArn(consumerArn)?.stream ?? '';
  const views = subscriptionEvents(engine.stream(streamName), consumerArn);
  const ours = views[views.length - 1];
  // Events are a second apart: only those after the last one sent are asked for.
  let lastSentAt = ours?.startedAt ?? 0;
  let ended = ours === undefined;
  return {
    shardId: ours?.shardId,
    take() {
      if (ended || !ours) return { frames: [], ended: true };
      const view = subscriptionEvents(engine.stream(streamName), consumerArn, {
        shardId: ours.shardId,
        since: lastSentAt + 1,
      }).find((v) => v.startedAt === ours.startedAt);
      const frames: Uint8Array[] = [];
      for (const { at, ...event } of view?.events ?? []) {
        frames.push(subscribeEventFrame(event, format));
        lastSentAt = at;
      }
      ended = !view || view.endedAt !== undefined;
      return { frames, ended };
    },
    onChange(listener) {
      return engine.subscribe((event) => {
        const ours =
          (event.type === 'recordsRead' && event.via === 'SubscribeToShard' && event.consumerArn === consumerArn) ||
          (event.type === 'subscriptionEnded' && event.consumerArn === consumerArn) ||
          event.type === 'streamStatus';
        if (ours) listener();
      });
    },
  };
}
