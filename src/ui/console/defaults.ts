/**
 * Sensible first values for a fresh form: the selected stream, a fresh partition key, the
 * selected shard, the last iterator. Chosen by parameter name, so operations added to the engine
 * later get them too; everything else starts empty.
 */
import { encodeBase64, type Member, type StreamState, type StructureShape } from '../../engine';
import type { Selection } from '../../store';

export interface DefaultsContext {
  operation: string;
  selection: Selection;
  streams: readonly StreamState[];
  /** Recent call answers, newest first (for ShardIterator). */
  recent: readonly { operation: string; output?: unknown; ok: boolean }[];
  /** A counter that makes each fresh partition key new. */
  serial: number;
}

const openShards = (stream: StreamState | undefined) => stream?.shards.filter((s) => s.closedAt === undefined) ?? [];

const text = (value: string) => encodeBase64(new TextEncoder().encode(value));

function pickStream(ctx: DefaultsContext): StreamState | undefined {
  const live = ctx.streams.filter((s) => s.status !== 'DELETING');
  return live.find((s) => s.name === ctx.selection.stream) ?? live[0];
}

function freshStreamName(ctx: DefaultsContext): string {
  const names = new Set(ctx.streams.map((s) => s.name));
  if (!names.has('my-stream')) return 'my-stream';
  for (let i = 2; ; i++) if (!names.has(`my-stream-${i}`)) return `my-stream-${i}`;
}

function lastIterator(ctx: DefaultsContext): string | undefined {
  for (const r of ctx.recent) {
    if (!r.ok || (r.operation !== 'GetShardIterator' && r.operation !== 'GetRecords')) continue;
    const out = r.output as { ShardIterator?: string; NextShardIterator?: string } | undefined;
    const it = out?.NextShardIterator ?? out?.ShardIterator;
    if (it) return it;
  }
  return undefined;
}

/** The default of one member, or undefined to leave it empty. */
function defaultFor(name: string, member: Member, ctx: DefaultsContext): unknown {
  const stream = pickStream(ctx);
  const open = openShards(stream);
  const shard = open.find((s) => s.id === ctx.selection.shardId) ?? open[0];
  const key = `key-${ctx.serial}`;
  switch (name) {
    case 'StreamName':
      return ctx.operation === 'CreateStream' ? freshStreamName(ctx) : stream?.name;
    case 'ShardCount':
      return ctx.operation === 'CreateStream' ? 2 : undefined;
    case 'TargetShardCount':
      return Math.max(1, open.length * 2);
    case 'ScalingType':
      return 'UNIFORM_SCALING';
    case 'PartitionKey':
      return key;
    case 'Data':
      return text(`hello ${ctx.serial}`);
    case 'Records':
      return [0, 1, 2].map((i) => ({
        Data: text(`record ${ctx.serial}.${i}`),
        PartitionKey: `key-${ctx.serial}-${i}`,
      }));
    case 'ShardId':
    case 'ShardToSplit':
    case 'ShardToMerge':
      return shard?.id;
    case 'AdjacentShardToMerge': {
      if (!shard) return undefined;
      const next = open.find((s) => s.startingHashKey === shard.endingHashKey + 1n);
      const previous = open.find((s) => s.endingHashKey + 1n === shard.startingHashKey);
      return (next ?? previous)?.id;
    }
    case 'NewStartingHashKey':
      return shard ? ((shard.startingHashKey + shard.endingHashKey + 1n) / 2n).toString() : undefined;
    case 'ShardIteratorType':
      return 'TRIM_HORIZON';
    case 'ShardIterator':
      return lastIterator(ctx);
    case 'EncryptionType':
      return 'KMS';
    case 'KeyId':
      return 'alias/aws/kinesis';
    case 'RetentionPeriodHours':
      return ctx.operation.startsWith('Decrease') ? 24 : 48;
    case 'ShardLevelMetrics':
      return ['IncomingBytes', 'OutgoingBytes'];
    case 'Tags':
      return ctx.operation === 'AddTagsToStream' || ctx.operation === 'TagResource' ? { team: 'demo' } : undefined;
    case 'TagKeys':
      return ['team'];
    // Enhanced fan-out, resource policies, stream settings and account settings (current profile).
    case 'StreamARN':
    case 'ResourceARN':
      return member.required ? stream?.arn : undefined;
    case 'ConsumerName':
      return member.required ? 'my-consumer' : undefined;
    case 'ConsumerARN':
      return member.required && stream
        ? (stream.consumers?.[0]?.arn ?? `${stream.arn}/consumer/my-consumer:1`)
        : undefined;
    case 'StartingPosition':
      return { Type: 'LATEST' };
    case 'StreamModeDetails':
      return ctx.operation === 'UpdateStreamMode'
        ? { StreamMode: stream?.streamMode === 'ON_DEMAND' ? 'PROVISIONED' : 'ON_DEMAND' }
        : undefined;
    case 'Policy':
      return JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:root' },
            Action: 'kinesis:DescribeStreamSummary',
            Resource: stream?.arn ?? '*',
          },
        ],
      });
    case 'MinimumThroughputBillingCommitment':
      return { Status: 'ENABLED' };
    default:
      break;
  }
  if (!member.required) return undefined;
  if (member.type === 'string' && member.enum?.length) return member.enum[0];
  if (member.type === 'integer' || member.type === 'long') return member.min ?? 1;
  return undefined;
}

/** A fresh request (wire form) for an operation. */
export function defaultsFor(shape: StructureShape, ctx: DefaultsContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const value = defaultFor(name, member, ctx);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
