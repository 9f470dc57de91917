/**
 * Export a session as a runnable script (AWS CLI, AWS SDK for JavaScript v3, boto3) that makes
 * the same calls in the same order, waiting as long between them as the session did. Each call
 * is rendered by the console's "Copy as" (src/ui/console/copyAs), so the two never disagree.
 * All three honour AWS_ENDPOINT_URL, so the script runs against a real account or a local endpoint.
 */
import type { Session } from '../../app/session';
import { ADMIN_PREFIX, OPERATIONS } from '../../engine';
import type { Entry } from '../../journal/world';
import { asBoto3, asCli, asSdkJs, shellQuote } from '../console/copyAs';
import { toWire } from '../console/wire';

export type ScriptKind = 'cli' | 'sdk-js' | 'boto3';

/** Waits longer than this are shortened (a day of retention is not worth waiting for). */
export const MAX_WAIT_S = 120;

const wireOf = (input: unknown): Record<string, unknown> => {
  const wire = toWire(input);
  return wire !== null && typeof wire === 'object' && !Array.isArray(wire) ? (wire as Record<string, unknown>) : {};
};

/** Seconds to wait before each command (the gap since the previous one, capped, 0 when tiny). */
function waits(session: Session): number[] {
  let last = session.settings.startTime;
  return session.journal.map((c) => {
    const gap = (c.t - last) / 1000;
    last = c.t;
    return gap < 0.05 ? 0 : Math.min(MAX_WAIT_S, Math.round(gap * 10) / 10);
  });
}

/** Calls after which a real stream is CREATING or UPDATING for a while: the script waits for ACTIVE. */
const MAKES_BUSY = new Set([
  'CreateStream',
  'SplitShard',
  'MergeShards',
  'UpdateShardCount',
  'StartStreamEncryption',
  'StopStreamEncryption',
  'UpdateStreamMode',
]);
const busyStream = (c: Entry): string | undefined => {
  const name = (c.input as { StreamName?: unknown } | null)?.StreamName;
  return MAKES_BUSY.has(c.operation) && typeof name === 'string' ? name : undefined;
};

const adminNote = (c: Entry) =>
  c.operation.startsWith('traffic:')
    ? `simulated traffic ${c.operation.slice(8)} ${JSON.stringify(c.input)}: run your own producer or consumer here`
    : `simulator-only ${c.operation} ${JSON.stringify(c.input)}: do this in AWS KMS yourself`;

export function exportScript(kind: ScriptKind, session: Session): string {
  const { profile, region } = session.settings;
  const gaps = waits(session);
  const lines: string[] = [];
  const shapeOf = (c: Entry) => OPERATIONS.get(c.operation)?.input(profile);
  if (kind === 'cli') {
    lines.push(
      '#!/usr/bin/env bash',
      '# Shardscope session replay (AWS CLI v2). Set AWS_ENDPOINT_URL to use a local endpoint.',
      '# Failed calls do not stop the script: the session may contain calls that failed on purpose.',
      '',
    );
    session.journal.forEach((c, i) => {
      if (gaps[i]) lines.push(`sleep ${gaps[i]}`);
      const shape = shapeOf(c);
      if (c.operation.startsWith(ADMIN_PREFIX) || !shape) lines.push(`# ${adminNote(c)}`);
      else lines.push(`${asCli(c.operation, shape, wireOf(c.input), region)} || true`);
      const busy = busyStream(c);
      if (busy)
        lines.push(
          `aws kinesis wait stream-exists --stream-name ${shellQuote(busy)} --region ${region}  # until ACTIVE`,
        );
    });
    return lines.join('\n') + '\n';
  }
  if (kind === 'sdk-js') {
    const used = [
      ...new Set(
        session.journal
          .filter((c) => shapeOf(c) && !c.operation.startsWith(ADMIN_PREFIX))
          .map((c) => `${c.operation}Command`),
      ),
    ];
    lines.push(
      '// Shardscope session replay (AWS SDK for JavaScript v3, Node ≥ 18, ES module).',
      '// Set AWS_ENDPOINT_URL to use a local endpoint.',
      `import { KinesisClient${used.length ? ', ' + used.join(', ') : ''}, waitUntilStreamExists } from "@aws-sdk/client-kinesis";`,
      '',
      `const client = new KinesisClient({ region: ${JSON.stringify(region)} });`,
      'const sleep = (s) => new Promise((resolve) => setTimeout(resolve, s * 1000));',
      '',
    );
    session.journal.forEach((c, i) => {
      if (gaps[i]) lines.push(`await sleep(${gaps[i]});`);
      const shape = shapeOf(c);
      if (c.operation.startsWith(ADMIN_PREFIX) || !shape) {
        lines.push(`// ${adminNote(c)}`);
        return;
      }
      // The snippet's call lines, without its import and client lines.
      const body = asSdkJs(c.operation, shape, wireOf(c.input), region).split('\n').slice(3);
      lines.push(
        'try {',
        ...body.map((l) => `  ${l}`),
        '} catch (error) {',
        `  console.error(${JSON.stringify(c.operation)}, error.name, error.message);`,
        '}',
      );
      const busy = busyStream(c);
      if (busy)
        lines.push(
          `await waitUntilStreamExists({ client, maxWaitTime: 600 }, { StreamName: ${JSON.stringify(busy)} }); // until ACTIVE`,
        );
    });
    return lines.join('\n') + '\n';
  }
  const imports = new Set(['import boto3']);
  const calls: string[] = [];
  session.journal.forEach((c, i) => {
    if (gaps[i]) calls.push(`time.sleep(${gaps[i]})`);
    const shape = shapeOf(c);
    if (c.operation.startsWith(ADMIN_PREFIX) || !shape) {
      calls.push(`# ${adminNote(c)}`);
      return;
    }
    const snippet = asBoto3(c.operation, shape, wireOf(c.input), region).split('\n');
    const clientLine = snippet.findIndex((l) => l.startsWith('client = '));
    for (const l of snippet.slice(0, clientLine)) if (l.trim()) imports.add(l);
    calls.push(
      'try:',
      ...snippet.slice(clientLine + 1).map((l) => `    ${l}`),
      'except client.exceptions.ClientError as error:',
      '    print(error)',
    );
    const busy = busyStream(c);
    if (busy) calls.push(`client.get_waiter("stream_exists").wait(StreamName=${JSON.stringify(busy)})  # until ACTIVE`);
  });
  return (
    [
      '# Shardscope session replay (boto3). Set AWS_ENDPOINT_URL to use a local endpoint.',
      ...[...imports].sort(),
      'import time',
      '',
      `client = boto3.client("kinesis", region_name=${JSON.stringify(region)})`,
      '',
      ...calls,
    ].join('\n') + '\n'
  );
}
