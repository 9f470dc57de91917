import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine/index';
import { runAdminCommand } from './admin';
import { handleKinesisRequest } from './wire';

const adminRequest = (engine: Engine, command: string, body: string) =>
  handleKinesisRequest(engine, {
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `ShardscopeAdmin.${command}` },
    body,
  });

const keyCount = (engine: Engine) => engine.kmsKeys().length;

describe('ShardscopeAdmin with a body that is not a JSON object', () => {
  it.each([
    ['kms:CreateKey', '[]'],
    ['kms:CreateKey', '[{"Alias":"alias/smuggled"}]'],
    ['kms:SetOptIn', '[true]'],
    ['kms:ListKeys', '[]'],
  ])('should refuse %s with %s as a SerializationException and change nothing', (command, body) => {
    const engine = createEngine({ startTime: 1_500_000_000_000 });
    const before = keyCount(engine);
    const answer = adminRequest(engine, command, body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(String(answer.body))).toEqual({
      __type: 'SerializationException',
      Message: `Start of list found where not expected: ShardscopeAdmin.${command} takes a JSON object.`,
    });
    expect(keyCount(engine)).toBe(before);
  });

  it.each(['"text"', '42', 'null', 'true'])('should refuse %s as a SerializationException', (body) => {
    const engine = createEngine({ startTime: 1_500_000_000_000 });
    const before = keyCount(engine);
    const answer = adminRequest(engine, 'kms:CreateKey', body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(String(answer.body)).__type).toBe('SerializationException');
    expect(keyCount(engine)).toBe(before);
  });

  it('should refuse a non-object input handed to the command runner directly', () => {
    const engine = createEngine({ startTime: 1_500_000_000_000 });
    const before = keyCount(engine);
    for (const input of [undefined, null, 'kms', 7, ['KeyId']]) {
      const answer = runAdminCommand(engine, 'kms:CreateKey', input);
      expect(answer.status).toBe(400);
      expect((answer.body as { __type: string }).__type).toBe('SerializationException');
    }
    expect(keyCount(engine)).toBe(before);
  });

  it('should still run a command given an object', () => {
    const engine = createEngine({ startTime: 1_500_000_000_000 });
    const before = keyCount(engine);
    expect(adminRequest(engine, 'kms:CreateKey', '{"Alias":"alias/made"}').status).toBe(200);
    expect(keyCount(engine)).toBe(before + 1);
  });
});
