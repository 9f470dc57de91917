import { describe, expect, it } from 'vitest';
import { createSimulatorStore } from '../../store';
import { sessionOf } from '../../store/session';
import { encodeSessionToken } from '../../share';
import { trafficBack, workshopFor } from './controller';

describe('opening share links with traffic', () => {
  it('should refuse a link whose traffic is malformed before replacing anything', () => {
    const store = createSimulatorStore();
    store.getState().call('CreateStream', { StreamName: 'mine', ShardCount: 1 });
    const workshop = workshopFor(store);
    const other = createSimulatorStore();
    other.getState().call('CreateStream', { StreamName: 'theirs', ShardCount: 1 });
    const token = encodeSessionToken({ ...sessionOf(other.getState()), traffic: { producers: [{ status: 'running', config: { id: 'p' } }], consumers: [] } });

    const error = workshop.openToken(token);
    expect(error).toBe('This share link holds invalid traffic: producer 1: a producer\'s keys are uniform, fixed (keys), hot (key, share) or sequential (prefix). Nothing was loaded.');
    expect(store.getState().engine.streams().map((s) => s.name)).toEqual(['mine']);
    expect(workshop.ui.getState().notice).toEqual({ kind: 'error', text: error });
  });

  it('should bring the producers of a good link back, running', () => {
    const store = createSimulatorStore();
    const workshop = workshopFor(store);
    const other = createSimulatorStore();
    other.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const producer = { id: 'p', stream: 's', rate: 5, keys: { kind: 'uniform' }, payloadBytes: 10, batch: 1, maxRetries: 0, backoffMs: 100 };
    const token = encodeSessionToken({ ...sessionOf(other.getState()), traffic: { producers: [{ status: 'running', config: producer }], consumers: [] } });
    expect(workshop.openToken(token)).toBeUndefined();
    expect(store.getState().engine.streams().map((s) => s.name)).toEqual(['s']);
    const traffic = workshop.traffic();
    expect(traffic.producers.map((p) => [p.config.id, p.status])).toEqual([['p', 'running']]);
  });
});

describe('opening a session file with traffic', () => {
  const producer = { id: 'p', stream: 's', rate: 5, keys: { kind: 'uniform' }, payloadBytes: 10, batch: 1, maxRetries: 0, backoffMs: 100 };

  it('should bring the traffic back with the calls, and say how much came back', () => {
    const store = createSimulatorStore();
    const workshop = workshopFor(store);
    const other = createSimulatorStore();
    other.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const session = { ...sessionOf(other.getState()), traffic: { producers: [{ status: 'paused', config: producer }], consumers: [] } };
    const opened = workshop.openSession(session);
    expect(opened).toEqual({ ok: true, producers: 1, consumers: 0 });
    expect(trafficBack(opened as { producers: number; consumers: number })).toBe('; its traffic is back (1 producer, 0 consumers)');
    expect(store.getState().engine.streams().map((s) => s.name)).toEqual(['s']);
    expect(workshop.traffic().producers.map((p) => [p.config.id, p.status])).toEqual([['p', 'paused']]);
  });

  it('should change nothing when the traffic is malformed', () => {
    const store = createSimulatorStore();
    store.getState().call('CreateStream', { StreamName: 'mine', ShardCount: 1 });
    const workshop = workshopFor(store);
    const session = { ...sessionOf(createSimulatorStore().getState()), traffic: { producers: [{ status: 'running', config: { ...producer, rate: -1 } }], consumers: [] } };
    const opened = workshop.openSession(session);
    expect(opened.ok).toBe(false);
    expect(store.getState().engine.streams().map((s) => s.name)).toEqual(['mine']);
  });
});
