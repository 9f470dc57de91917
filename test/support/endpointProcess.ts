/**
 * `npm run serve` in a child process, for tests and benchmarks: the endpoint's entry point run
 * with the given flags from the repository's root, resolved once it prints the URL it listens at.
 * Everything it prints is kept (`output()`), so a test can read what it said later on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface EndpointProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** All it printed so far, standard output and error. */
  output(): string;
}

/** Starts the endpoint with these flags (add `--port 0` for a free port). */
export function spawnEndpoint(flags: readonly string[]): Promise<EndpointProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...flags], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /listening at (http:\/\/\S+?)\s/.exec(out);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve({ child, url: match[1]!, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the endpoint exited (${code}) before listening: ${out}`)));
  });
}
