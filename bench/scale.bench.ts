/**
 * `npm run bench:scale`: the engine's cost at 64, 1,000, 4,000 and 10,000 open shards (see
 * scale.ts for what each figure measures). Prints its section of docs/benchmarks.md and writes it
 * there, between the section's markers; the other benchmarks' sections are left as they are.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { BATCH, INGEST_RECORDS, PAYLOAD_BYTES, ingestKeys, ingestRates, shape, type IngestFigures } from './scale';

const SIZES = [64, 1_000, 4_000, 10_000];
const ROUNDS = 5;
const OUT = 'docs/benchmarks.md';
const BEGIN = '<!-- bench:scale -->';
const END = '<!-- /bench:scale -->';

const keys = ingestKeys();
// One unmeasured round, so that the JIT's warm-up is in no measured one.
for (const shards of SIZES) ingestRates(shards, keys, 1);
// Rounds go through every size in turn, so all sizes see the same machine load; each keeps its best.
const best = new Map<number, IngestFigures>(SIZES.map((n) => [n, { fresh: 0, again: 0 }]));
for (let round = 0; round < ROUNDS; round++) {
  for (const shards of SIZES) {
    const figures = ingestRates(shards, keys, 1);
    const kept = best.get(shards)!;
    best.set(shards, { fresh: Math.max(kept.fresh, figures.fresh), again: Math.max(kept.again, figures.again) });
  }
}
const shapes = new Map(SIZES.map((n) => [n, shape(n, keys)]));

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const base = best.get(SIZES[0]!)!;
const rows = SIZES.map((n) => {
  const { fresh, again } = best.get(n)!;
  const s = shapes.get(n)!;
  return (
    `| ${fmt(n)} | ${fmt(fresh)} | ${(fresh / base.fresh).toFixed(2)} | ${fmt(again)} | ${(again / base.again).toFixed(2)} ` +
    `| ${mb(s.arrayBuffersAfterIngest)} | ${fmt(s.emptyShardBytes)} | ${ms(s.updateShardCountMs)} ` +
    `| ${ms(s.listShardsMs)} (${fmt(s.listed)} shards) | ${ms(s.describeStreamMs)} |`
  );
});

const text = `Produced by \`npm run bench:scale\` (bench/scale.bench.ts, measurements in bench/scale.ts) on
${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} cores (\`nproc\`), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.

| open shards | ingest, fresh stream (records/s) | ratio to ${SIZES[0]} | ingest, same keys again (records/s) | ratio to ${SIZES[0]} | memory outside the heap after ingest (MB) | bytes per empty shard | UpdateShardCount to this count (ms) | ListShards, every page (ms) | DescribeStream (ms) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

### Method

- The engine runs in Node with throughput limits, API rate limits and the command log off, and
  transitions of 500 ms. Times are CPU time of this process (\`process.cpuUsage\`), not wall time:
  the machine is shared, and wall time mostly measures the neighbours.
- **Ingest**: ${fmt(INGEST_RECORDS)} records of ${PAYLOAD_BYTES} B with the keys \`partition-key-0\`,
  \`partition-key-1\`, … (the same keys at every size) in PutRecords calls of ${BATCH}, the clock
  moving 1 ms every 20 calls. *Fresh stream*: into a stream just created with that many shards, so
  each shard's storage is made by its first records. *Same keys again*: the same records once more
  into that stream. Best of ${ROUNDS} rounds after one unmeasured round; the rounds take every size in
  turn so that all see the same load.
- **Memory outside the heap**: the growth of \`process.memoryUsage().arrayBuffers\` (record
  payloads and the blocks that index them) from the empty stream to after one ingest, after full
  garbage collections.
- **Bytes per empty shard**: a stream of half the shards is scaled with UpdateShardCount; the
  growth of heap plus array buffers (after full collections), divided by the shards it opened.
- **UpdateShardCount**: from half the shards to this count, both phases (splits, then merges).
  **ListShards**: every page of 1,000 shards (parents included) with NextToken. **DescribeStream**:
  one call (the first 100 shards), median of 21.

### Reading the ingest ratio

The work of a PutRecords call follows its records: routing is a binary search in a table sorted
by starting hash key, grouping the records by shard touches only the shards the call uses, and
no call visits every shard. With 10,000 shards a call's 500 records go to about 500 different
shards, whose state is out of the processor's caches (64 shards' is not); the rate stays close
because a record touches little of its shard. A stream's shards share one store of records in
the order they arrived (\`core/recordStore.ts\`), so every write appends to the same block and
chunk, which stay in cache. A shard's log is one object (\`core/records.ts\`): its length, its
last record's place in the store (each record names its shard's previous one) and the digits of
its next sequence number; the index from a shard's positions to the store is filled from that
chain when a read, a release or a snapshot first needs it. PutRecords reads the shards it writes
to in a loop of their own before writing (\`fetchShards\`), so that their fetches overlap, and a
shard's first sequence number comes from limbs shared by shards of the same second, not from a
BigInt. Profiled with \`node --cpu-prof\` on this workload, storage of each shard's own (blocks,
chunks, a sequence cursor: a dozen cache lines a record) costs most of a record's time at 10,000
shards, and holds ingest there to about a third of the 64-shard rate; with the shared store, what
grows with the shard count is the fetch of each shard's state and log.
`;

console.log(text);
const doc = readFileSync(OUT, 'utf8');
const from = doc.indexOf(BEGIN);
const to = doc.indexOf(END);
if (from < 0 || to < from) throw new Error(`${OUT} has no ${BEGIN} … ${END} section to write the figures in`);
writeFileSync(OUT, `${doc.slice(0, from + BEGIN.length)}\n${text}${doc.slice(to)}`);
console.log(`(written to ${OUT})`);
