/**
 * A local endpoint for the attached-mode browser tests: `npm run serve` in a child process, on a
 * free port the system picks (or a given one, to restart on the same), serving the page the test
 * run built (test mode, with its test API); and an AWS SDK client pointed at it.
 */
import { spawnEndpoint } from '../../test/support/endpointProcess';
import { KinesisClient } from '@aws-sdk/client-kinesis';

export interface TestEndpoint {
  readonly url: string;
  readonly port: number;
  readonly client: KinesisClient;
  stop(): Promise<void>;
}

/** Starts an endpoint (on `port`, else a free one); resolves once it listens. */
export async function startEndpoint(extra: readonly string[] = [], port = 0): Promise<TestEndpoint> {
  const { child, url } = await spawnEndpoint([
    '--port',
    String(port),
    '--app',
    'test-results/app',
    '--createStreamMs',
    '0',
    '--updateStreamMs',
    '0',
    '--throttling',
    'off',
    ...extra,
  ]);
  const client = new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  return {
    url,
    port: Number(new URL(url).port),
    client,
    stop: () =>
      new Promise<void>((done) => {
        client.destroy();
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
