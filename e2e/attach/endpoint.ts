/**
 * A local endpoint for the attached-mode browser tests: `npm run serve` in a child process, on a
 * free port the system picks (or a given one, to restart on the same), serving the page the test
 * run built (test mode, with its test API); and an AWS SDK client pointed at it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { KinesisClient } from '@aws-sdk/client-kinesis';

export interface TestEndpoint {
  readonly url: string;
  readonly port: number;
  readonly client: KinesisClient;
  stop(): Promise<void>;
}

/** Starts an endpoint (on `port`, else a free one); resolves once it listens. */
export function startEndpoint(extra: readonly string[] = [], port = 0): Promise<TestEndpoint> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/main.ts',
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
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!match) return;
      child.stdout!.off('data', onData);
      const url = match[1]!;
      const client = new KinesisClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      });
      resolve({
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
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the endpoint exited (${code}): ${out}`)));
  });
}
