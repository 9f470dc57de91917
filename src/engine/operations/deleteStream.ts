import { beginDeregistration } from '../consumers/consumers';
import { resourceInUse } from '../errors';
import { streamNotActive } from '../messages';
import { streamRef } from '../schema/streamRef';
import { structure } from '../schema/shapes';
import { BOTH_PROFILES, defineOperation } from './types';

export const deleteStream = defineOperation({
  name: 'DeleteStream',
  group: 'streams',
  doc: 'Deletes a stream and all its records; it is DELETING for a while, then gone.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    structure({
      ...streamRef(profile),
      ...(profile === 'current'
        ? { EnforceConsumerDeletion: { type: 'boolean' as const, doc: 'Delete even if consumers are registered.' } }
        : {}),
    }),
  run(ctx, input) {
    const stream = ctx.stream(input);
    // The service deletes a stream still being created, and refuses while it is being changed or
    // already deleted.
    if (stream.status !== 'ACTIVE' && stream.status !== 'CREATING')
      throw resourceInUse(streamNotActive(stream.name, ctx.account, stream.status));
    const previous = stream.status;
    const consumers = stream.consumers ?? [];
    if (consumers.length > 0 && input.EnforceConsumerDeletion !== true) {
      throw resourceInUse(
        `Stream ${stream.name} under account ${ctx.account} has registered consumers. Set EnforceConsumerDeletion to true to delete them with the stream.`,
      );
    }
    for (const consumer of consumers) if (consumer.status !== 'DELETING') beginDeregistration(ctx, stream, consumer);
    const now = ctx.now();
    stream.status = 'DELETING';
    ctx.emit({ type: 'streamStatus', t: now, stream: stream.name, status: 'DELETING', previous });
    ctx.schedule(now + ctx.options.timings.deleteStreamMs, {
      kind: 'streamGone',
      stream: stream.name,
      generation: stream.generation,
    });
    return {};
  },
});
