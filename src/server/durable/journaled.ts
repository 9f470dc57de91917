/**
 * The engine as the protocol sees it when the endpoint keeps a journal: the same engine, whose
 * calls, once accepted, are handed to the store with the virtual time they ran at. A refused call
 * changes nothing (an engine invariant), so only accepted ones are journaled.
 */
import type { Engine } from '../../engine/index';

export interface CallRecorder {
  record(t: number, operation: string, input: unknown): void;
}

export function journaledEngine(engine: Engine, recorder: CallRecorder): Engine {
  const call = (operation: string, input: unknown, origin?: string): unknown => {
    const t = engine.now();
    const output = engine.call(operation, input, origin);
    recorder.record(t, operation, input);
    return output;
  };
  return {
    get options() {
      return engine.options;
    },
    call: call as Engine['call'],
    admin: (operation, input) => call(operation, input),
    now: () => engine.now(),
    advanceBy: (ms) => engine.advanceBy(ms),
    advanceTo: (t) => engine.advanceTo(t),
    nextEventTime: () => engine.nextEventTime(),
    subscribe: (listener) => engine.subscribe(listener),
    commands: () => engine.commands(),
    snapshot: () => engine.snapshot(),
    streams: () => engine.streams(),
    stream: (name) => engine.stream(name),
    iterators: () => engine.iterators(),
    kmsKeys: () => engine.kmsKeys(),
  };
}
