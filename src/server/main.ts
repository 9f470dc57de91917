/**
 * `npm run serve -- [options]`: the local Kinesis endpoint. Prints its URL, runs until SIGINT or
 * SIGTERM, then closes its connections and exits.
 */
import { startupWarnings } from './access';
import { USAGE, UsageError, parseArgs } from './options';
import { startServer } from './server';

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
    server = await startServer(options);
  } catch (error) {
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
  if (options.events) process.stdout.write(`Live engine events (Server-Sent Events): ${server.url}/events\n`);
  for (const warning of startupWarnings(options)) process.stderr.write(`Warning: ${warning}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    const force = setTimeout(() => process.exit(1), 5000);
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
