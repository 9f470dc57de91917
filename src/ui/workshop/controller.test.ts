import { describe, expect, it } from 'vitest';
import { createSimulatorStore } from '../../store';
import { loadSession, sessionOf } from '../../store/session';
import { encodeSessionToken } from '../../share';
import { progressOf, whatCameBack, workshopFor } from './controller';

describe('opening share links with traffic', () => {
  it('should refuse a link whose traffic is malformed before replacing anything', () => {
    const store = createSimulatorStore();
    store.getState().call('CreateStream', { StreamName: 'mine', ShardCount: 1 });
    const workshop = workshopFor(store);
    const other = createSimulatorStore();
    other.getState().call('CreateStream', { StreamName: 'theirs', ShardCount: 1 });
    const token = encodeSessionToken({
      ...sessionOf(other.getState()),
      traffic: { producers: [{ status: 'running', config: { id: 'p' } }], consumers: [] },
    });

    const error = workshop.openToken(token);
    expect(error).toBe(
      "This share link cannot be opened: its traffic is invalid: producer 1: a producer's keys are uniform, fixed (keys), hot (key, share) or sequential (prefix). Nothing was loaded.",
    );
    expect(
      store
        .getState()
        .engine.streams()
        .map((s) => s.name),
    ).toEqual(['mine']);
    expect(workshop.ui.getState().notice).toEqual({ kind: 'error', text: error });
  });

  it('should bring the producers of a good link back, running', () => {
    const store = createSimulatorStore();
    const workshop = workshopFor(store);
    const other = createSimulatorStore();
    other.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const producer = {
      id: 'p',
      stream: 's',
      rate: 5,
      keys: { kind: 'uniform' },
      payloadBytes: 10,
      batch: 1,
      maxRetries: 0,
      backoffMs: 100,
    };
    const token = encodeSessionToken({
      ...sessionOf(other.getState()),
      traffic: { producers: [{ status: 'running', config: producer }], consumers: [] },
    });
    expect(workshop.openToken(token)).toBeUndefined();
    expect(
      store
        .getState()
        .engine.streams()
        .map((s) => s.name),
    ).toEqual(['s']);
    const traffic = workshop.traffic();
    expect(traffic.producers.map((p) => [p.config.id, p.status])).toEqual([['p', 'running']]);
  });
});

describe('opening a session file with traffic', () => {
  const producer = {
    id: 'p',
    stream: 's',
    rate: 5,
    keys: { kind: 'uniform' },
    payloadBytes: 10,
    batch: 1,
    maxRetries: 0,
    backoffMs: 100,
  };

  it('should bring the traffic back with the calls, and say how much came back', () => {
    const store = createSimulatorStore();
    const workshop = workshopFor(store);
    const other = createSimulatorStore();
    other.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const session = {
      ...sessionOf(other.getState()),
      traffic: { producers: [{ status: 'paused', config: producer }], consumers: [] },
    };
    const opened = workshop.openSession(session);
    expect(opened).toEqual({ ok: true, producers: 1, consumers: 0 });
    expect(whatCameBack(opened as { producers: number; consumers: number })).toBe(
      '; its traffic is back (1 producer, 0 consumers)',
    );
    expect(
      store
        .getState()
        .engine.streams()
        .map((s) => s.name),
    ).toEqual(['s']);
    expect(workshop.traffic().producers.map((p) => [p.config.id, p.status])).toEqual([['p', 'paused']]);
  });

  it('should change nothing when the traffic is malformed', () => {
    const store = createSimulatorStore();
    store.getState().call('CreateStream', { StreamName: 'mine', ShardCount: 1 });
    const workshop = workshopFor(store);
    const session = {
      ...sessionOf(createSimulatorStore().getState()),
      traffic: { producers: [{ status: 'running', config: { ...producer, rate: -1 } }], consumers: [] },
    };
    const opened = workshop.openSession(session);
    expect(opened.ok).toBe(false);
    expect(
      store
        .getState()
        .engine.streams()
        .map((s) => s.name),
    ).toEqual(['mine']);
  });
});

describe('lessons kept in sessions', () => {
  /** A store whose lesson stands waiting at its second stop. */
  const lessonAtStop2 = () => {
    const store = createSimulatorStore();
    const workshop = workshopFor(store);
    expect(workshop.load('split-merge')).toBeUndefined();
    for (let i = 0; i < 4; i++) workshop.next(); // pass the gate, run to the next stop; twice
    return { store, workshop };
  };

  it('should bring a shared lesson back at the stop it stood at, with its caption, and Back working', () => {
    const { store: theirs, workshop: sharer } = lessonAtStop2();
    const before = progressOf(sharer.guide()!);
    expect(before).toMatchObject({ stop: 2, waiting: true });
    const token = sharer.shareToken();

    const store = createSimulatorStore();
    const workshop = workshopFor(store);
    expect(workshop.openToken(token)).toBeUndefined();
    const guide = workshop.guide()!;
    expect(progressOf(guide)).toEqual(before);
    expect(guide.state.caption).toEqual(sharer.guide()!.state.caption);
    expect(store.getState().engine.commands()).toEqual(theirs.getState().engine.commands());
    expect(workshop.ui.getState().notice?.text).toMatch(
      /^Opened a shared session: \d+ calls, replayed exactly; the lesson “.+” is back at stop 3 of 3; its traffic is back \(\d+ producers?, \d+ consumers?\)\.$/,
    );
    expect(workshop.back()).toBe(true);
    expect(progressOf(workshop.guide()!).stop).toBe(1);
  });

  it('should bring the lesson back from the autosave over the replayed calls', () => {
    const { store: theirs, workshop: sharer } = lessonAtStop2();
    const saved = { ...sessionOf(theirs.getState()), ...sharer.sessionExtras() };
    const store = createSimulatorStore();
    loadSession(store, saved);
    const workshop = workshopFor(store);
    expect(workshop.adoptExtras(saved)).toBeUndefined();
    expect(progressOf(workshop.guide()!)).toEqual(progressOf(sharer.guide()!));
  });

  it('should load nothing from a link whose lesson does not fit its calls', () => {
    const { store: theirs, workshop: sharer } = lessonAtStop2();
    const extras = sharer.sessionExtras() as { lesson: { place: { next: number } } };
    extras.lesson.place.next -= 1;
    const token = encodeSessionToken({ ...sessionOf(theirs.getState()), ...extras });
    const store = createSimulatorStore();
    store.getState().call('CreateStream', { StreamName: 'mine', ShardCount: 1 });
    const workshop = workshopFor(store);
    expect(workshop.openToken(token)).toBe(
      'This share link cannot be opened: its lesson cannot be resumed: place waits, but not at a stop of the lesson. Nothing was loaded.',
    );
    expect(
      store
        .getState()
        .engine.streams()
        .map((s) => s.name),
    ).toEqual(['mine']);
    expect(workshop.guide()).toBeNull();
  });
});
