import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnEndpoint } from '../../test/support/endpointProcess';
import { DEFAULT_SERVER_OPTIONS, USAGE, UsageError, parseArgs } from './options';
import { engineFor } from './server';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('parseArgs: the kinesalite-style command line', () => {
  it('should default to loopback on port 4567 with the current profile', () => {
    expect(parseArgs([])).toEqual(DEFAULT_SERVER_OPTIONS);
    expect(DEFAULT_SERVER_OPTIONS).toMatchObject({ host: '127.0.0.1', port: 4567, profile: 'current' });
  });

  it('should read every flag, as --flag value or --flag=value', () => {
    expect(
      parseArgs([
        '--port',
        '0',
        '--host=0.0.0.0',
        '--profile',
        '2017-07',
        '--createStreamMs',
        '10',
        '--deleteStreamMs=20',
        '--updateStreamMs',
        '30',
        '--shardLimit',
        '50',
        '--throttling',
        'off',
        '--kms',
        'strict',
        '--account',
        '111122223333',
        '--region',
        'eu-west-1',
        '--seed',
        '7',
        '--events',
        'off',
        '--cors',
        'http://tools.example:8080',
        '--cors=https://other.example',
        '--allowed-hosts',
        'devbox,Devbox.lan',
        '--headersTimeoutMs',
        '1000',
        '--requestTimeoutMs=2000',
        '--idleTimeoutMs',
        '3000',
        '--path',
        '/var/lib/shardscope',
        '--sync=none',
        '--import',
        'workshop.json',
        '--app',
        '/srv/shardscope-page',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      profile: '2017-07',
      createStreamMs: 10,
      deleteStreamMs: 20,
      updateStreamMs: 30,
      shardLimit: 50,
      throttling: false,
      kms: 'strict',
      accountId: '111122223333',
      region: 'eu-west-1',
      seed: 7,
      events: false,
      cors: ['http://tools.example:8080', 'https://other.example'],
      allowedHosts: ['devbox', 'devbox.lan'],
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      idleTimeoutMs: 3000,
      streamBufferBytes: DEFAULT_SERVER_OPTIONS.streamBufferBytes,
      commandHoldBytes: DEFAULT_SERVER_OPTIONS.commandHoldBytes,
      appDir: '/srv/shardscope-page',
      path: '/var/lib/shardscope',
      sync: 'none',
      importFile: 'workshop.json',
    });
  });

  it('should refuse unknown flags and bad values with a usage error', () => {
    for (const argv of [
      ['--nope', '1'],
      ['--port', 'x'],
      ['--port', '70000'],
      ['--profile', '2019'],
      ['--throttling', 'yes'],
      ['--account', '123'],
      ['--kms'],
      ['stray'],
      ['--cors', 'evil.example'],
      ['--cors', 'http://x.example/path'],
      ['--allowed-hosts', 'host:8080'],
      ['--headersTimeoutMs', '0'],
      ['--headersTimeoutMs', '5000', '--requestTimeoutMs', '1000'],
      ['--sync', 'sometimes'],
      ['--path='],
    ]) {
      expect(() => parseArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
    expect(parseArgs(['--help'])).toBe('help');
    expect(USAGE).toContain('without --path everything is kept in memory only and is lost when the endpoint exits');
    expect(() => parseArgs(['--ssl', 'true'])).toThrow('--ssl is a kinesalite option this endpoint does not have');
  });

  it('should turn the flags into engine options', () => {
    const options = parseArgs([
      '--createStreamMs',
      '10',
      '--updateStreamMs',
      '30',
      '--throttling',
      'off',
      '--shardLimit',
      '9',
      '--account',
      '111122223333',
    ]);
    const engine = engineFor(options as Exclude<typeof options, 'help'>, 1_700_000_000_000);
    expect(engine.now()).toBe(1_700_000_000_000);
    expect(engine.options.timings).toMatchObject({
      createStreamMs: 10,
      deleteStreamMs: 500,
      updateStreamMs: 30,
      updateShardCountMs: 30,
      encryptionMs: 30,
    });
    expect(engine.options.limits).toEqual({ shardLimit: 9, throughput: false, apiRates: false });
    expect(engine.options.accountId).toBe('111122223333');
    expect(engine.options.lenientKms).toBe(true);
  });
});

describe('npm run serve', () => {
  it('should print its URL, answer, and exit cleanly on SIGTERM', async () => {
    const { child, url, output } = await spawnEndpoint(['--port', '0']);
    const response = await fetch(url, { method: 'GET' });
    expect(response.status).toBe(403);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('SIGTERM: shutting down');
    expect(output()).toContain('Data is kept in memory only and is lost when the endpoint exits');
  });

  it('should exit with status 2 and the usage on a bad flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--bogus', '1'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('Unknown option --bogus');
    expect(err).toContain('Usage: npm run serve');
  });
});
