import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../app/session';
import { builtinScenario, createRunner, runToEnd, scenarioSettings } from '../../scenarios';
import { worldFor } from '../../scenarios/guideHost.testing';
import { exportScript } from './export';
import { checkHostMessage, parseEmbedParams } from './protocol';

function sessionOf(name: string): Session {
  const scenario = builtinScenario(name)!;
  const world = worldFor(scenario);
  runToEnd(scenario, createRunner(), world);
  return { settings: scenarioSettings(scenario), journal: world.journal().slice(), now: world.now() };
}

describe('host messages', () => {
  it('should accept the documented messages', () => {
    expect(checkHostMessage({ target: 'shardscope', type: 'play' })).toEqual({ target: 'shardscope', type: 'play' });
    expect(checkHostMessage({ target: 'shardscope', type: 'seek', time: 1500 })).toEqual({
      target: 'shardscope',
      type: 'seek',
      time: 1500,
    });
    expect(checkHostMessage({ target: 'shardscope', type: 'speed', speed: 10 })).toEqual({
      target: 'shardscope',
      type: 'speed',
      speed: 10,
    });
    expect(checkHostMessage({ target: 'shardscope', type: 'load', scenario: 'routing' })).toEqual({
      target: 'shardscope',
      type: 'load',
      scenario: 'routing',
    });
  });
  it('should ignore messages for others and answer malformed ones with a reason', () => {
    expect(checkHostMessage('play')).toBeNull();
    expect(checkHostMessage({ type: 'play' })).toBeNull();
    expect(checkHostMessage({ target: 'shardscope', type: 'eval', code: '1' })).toMatch(/unknown message type "eval"/);
    expect(checkHostMessage({ target: 'shardscope', type: 'seek', time: '5' })).toMatch(/"seek" needs \{time\}/);
    expect(checkHostMessage({ target: 'shardscope', type: 'play', then: 'x' })).toMatch(/takes no other fields/);
    expect(checkHostMessage({ target: 'shardscope', type: 'speed', speed: 5000 })).toMatch(/0\.1 to 1000/);
  });
  it('should never throw on any message', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        checkHostMessage(data);
        checkHostMessage(typeof data === 'object' && data !== null ? { ...data, target: 'shardscope' } : data);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('embed parameters', () => {
  it('should read the documented parameters', () => {
    expect(parseEmbedParams('?x=1')).toBeUndefined();
    expect(parseEmbedParams('?embed=lanes&scenario=routing&autoplay&speed=5&controls=none&theme=dark&id=f1')).toEqual({
      view: 'lanes',
      scenario: 'routing',
      autoplay: true,
      speed: 5,
      controls: 'none',
      theme: 'dark',
      id: 'f1',
    });
    expect(parseEmbedParams('?embed=hash')).toEqual({
      view: 'hash',
      autoplay: false,
      controls: 'minimal',
      theme: 'auto',
    });
  });
  it('should explain a bad parameter', () => {
    expect(parseEmbedParams('?embed=pie')).toMatch(/Unknown view "pie"/);
    expect(parseEmbedParams('?embed=hash&controls=some')).toMatch(/controls must be none, minimal or full/);
    expect(parseEmbedParams('?embed=hash&speed=fast')).toMatch(/speed must be a number/);
  });
});

describe('exported scripts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shardscope-export-'));
  const session = sessionOf('encryption');

  it('should replay every call in order as a valid bash script (AWS CLI), with waits and KMS steps as comments', () => {
    const script = exportScript('cli', session);
    const file = join(dir, 'session.sh');
    writeFileSync(file, script);
    execFileSync('bash', ['-n', file]);
    const calls = script.split('\n').filter((l) => l.startsWith('aws kinesis ') && !l.startsWith('aws kinesis wait '));
    const kinesisCommands = session.journal.filter((c) => !/^(kms|traffic):/.test(c.operation));
    expect(calls.length).toBe(kinesisCommands.length);
    expect(calls[0]).toBe('aws kinesis create-stream \\');
    expect(script).toMatch(/^sleep 16$/m); // CREATING took 16 s before the producer started
    // A real stream is busy after CreateStream and encryption changes: the script waits for ACTIVE.
    expect(script.match(/^aws kinesis wait stream-exists --stream-name payments/gm)!.length).toBe(4);
    expect(script).toMatch(/^# simulator-only kms:DisableKey \{"KeyId":"alias\/workshop"\}/m);
    // The simulated producer is not a call to replay: the script says where to run one's own.
    expect(script).toMatch(/^# simulated traffic startProducer \{.*\}: run your own producer or consumer here$/m);
  });

  it('should be a valid ES module for the SDK for JavaScript v3', () => {
    const script = exportScript('sdk-js', session);
    const file = join(dir, 'session.mjs');
    writeFileSync(file, script);
    execFileSync(process.execPath, ['--check', file]);
    expect(script).toMatch(/import \{ KinesisClient, CreateStreamCommand, .*\} from "@aws-sdk\/client-kinesis";/);
    expect(script.match(/await client\.send\(new /g)!.length).toBe(
      session.journal.filter((c) => !/^(kms|traffic):/.test(c.operation)).length,
    );
  });

  it('should be valid Python for boto3, record data included', () => {
    const routing = sessionOf('routing');
    const script = exportScript('boto3', routing);
    const file = join(dir, 'session.py');
    writeFileSync(file, script);
    try {
      execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file]);
    } catch (error) {
      // Without Python on the machine the syntax check is skipped; the checks below still run.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    expect(script).toMatch(/^import base64$/m);
    expect(script.match(/^ {4}response = client\.put_record\(/gm)!.length).toBe(
      routing.journal.filter((c) => c.operation === 'PutRecord').length,
    );
  });
});
