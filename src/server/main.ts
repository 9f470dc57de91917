/**
 * `npm run serve -- [options]`: the local Kinesis endpoint. Prints its URL, runs until SIGINT or
 * SIGTERM, then closes its connections and exits.
 */
import { startupWarnings } from './access';
import { USAGE, UsageError, parseArgs } from './options';
import { startServer } from './server';
import { CorruptionError } from './durable/frames';
import { LockedError } from './durable/lock';
import { ImportError } from './durable/session';

async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  let server;
  try {
    server = await startServer(options, { onFatal: () => process.exit(1) });
  } catch (error) {
    if (error instanceof CorruptionError || error instanceof LockedError || error instanceof ImportError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
      process.exit(1);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
    process.stderr.write(`Cannot listen on ${options.host}:${options.port}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const { profile, throttling, kms, accountId, region } = options;
  process.stdout.write(
    `Shardscope Kinesis endpoint listening at ${server.url} ` +
      `(profile ${profile}, throttling ${throttling ? 'on' : 'off'}, kms ${kms}, account ${accountId}, region ${region})\n`,
  );
  process.stdout.write(
    options.path === undefined
      ? 'Data is kept in memory only and is lost when the endpoint exits (--path <dir> keeps it).\n'
      : `Data is kept in ${options.path} (sync ${options.sync}${options.sync === 'none' ? ': acknowledged calls can be lost in a crash' : ': every acknowledged call is on disk'}).\n`,
  );
  const report = server.store?.report;
  if (report && !report.fresh)
    process.stdout.write(
      `Recovered ${report.snapshot !== undefined ? `a snapshot and ` : ''}${report.entries} journal entries.\n`,
    );
  for (const note of server.notes) process.stdout.write(`Note: ${note}\n`);
  if (options.events) process.stdout.write(`Live engine events (Server-Sent Events): ${server.url}/events\n`);
  for (const warning of startupWarnings(options)) process.stderr.write(`Warning: ${warning}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    // A directory gets longer: its last snapshot makes the next start quick (the journal is synced first).
    const force = setTimeout(() => process.exit(1), options.path === undefined ? 5000 : 30_000);
    force.unref();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
