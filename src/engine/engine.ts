import { checkApiRate } from './apiRates';
import { enforceRecordBudget } from './budget';
import { streamOfArn } from './arn';
import { createClock, peek, pop } from './core/clock';
import { createRng } from './core/rng';
import { Context } from './context';
import { isKinesisError, unknownOperation, type KinesisError } from './errors';
import type { EngineEvent, EngineListener } from './events';
import { fire } from './lifecycle';
import { OPERATIONS } from './operations';
import type { InputOf, OperationName, OutputOf } from './operations/types';
import { resolveOptions, type EngineOptions, type EngineOptionsInput } from './options';
import { validateInput } from './schema/validate';
import { defaultKms } from './kms/state';
import { describeKey, runKmsAdmin, type KmsAdminInputs, type KmsAdminOperation, type KmsKeyView } from './kms/admin';
import { cloneState, materialize, type StateCheckpoint } from './snapshot';
import type { EngineState, IteratorState, StreamState } from './state';

/** One entry of the command log: a call at a virtual time. Replaying the log rebuilds the engine. */
export interface Command {
  readonly t: number;
  readonly operation: string;
  readonly input: unknown;
}

export interface EngineSnapshot {
  readonly options: EngineOptions;
  readonly checkpoint: StateCheckpoint;
  readonly commands: readonly Command[];
}

export interface Engine {
  readonly options: EngineOptions;
  /**
   * Runs one operation now. Same shapes as @aws-sdk/client-kinesis; failures throw KinesisError.
   * `origin` (who calls: a producer's id, a client's user agent) is echoed in the call's event.
   */
  call<O extends OperationName>(operation: O, input: InputOf<O>, origin?: string): OutputOf<O>;
  call(operation: string, input: unknown, origin?: string): unknown;
  /**
   * Simulator-only commands (KMS administration: 'kms:DisableKey' and the rest of
   * KmsAdminInputs). Logged and replayed like calls; failures throw KinesisError.
   */
  admin<O extends KmsAdminOperation>(operation: O, input: KmsAdminInputs[O]): unknown;
  now(): number;
  advanceBy(ms: number): void;
  advanceTo(t: number): void;
  /** When the next scheduled event fires, or undefined when nothing is scheduled. */
  nextEventTime(): number | undefined;
  subscribe(listener: EngineListener): () => void;
  /** The timed calls so far, in order (failed calls included). */
  commands(): readonly Command[];
  snapshot(): EngineSnapshot;
  /** Read-only views of the state, for drawing. Do not mutate. */
  streams(): readonly StreamState[];
  stream(name: string): StreamState | undefined;
  iterators(): readonly IteratorState[];
  kmsKeys(): readonly KmsKeyView[];
}

/** Commands whose operation starts with this prefix are simulator administration, not Kinesis. */
export const ADMIN_PREFIX = 'kms:';

function freshState(options: EngineOptions): EngineState {
  return {
    clock: createClock(options.startTime),
    rng: createRng(options.seed),
    streams: new Map(),
    nextGeneration: 1,
    iterators: new Map(),
    nextIteratorId: 1,
    apiRates: new Map(),
    kms: defaultKms(options.region, options.accountId),
    tally: { held: 0 },
  };
}

class SimulatedKinesis implements Engine {
  private readonly listeners = new Set<EngineListener>();
  private readonly ctx: Context;
  private readonly log: Command[];

  constructor(
    readonly options: EngineOptions,
    state: EngineState,
    commands: Command[] = [],
  ) {
    this.ctx = new Context(options, state, this.listeners);
    this.log = commands;
  }

  call<O extends OperationName>(operation: O, input: InputOf<O>, origin?: string): OutputOf<O>;
  call(operation: string, input: unknown, origin?: string): unknown;
  call(operation: string, input: unknown, origin?: string): unknown {
    const { ctx } = this;
    const t = ctx.now();
    // The log keeps its own copy: a caller reusing its Data buffer must not rewrite history.
    if (this.options.commandLog) this.log.push({ t, operation, input: structuredClone(input) });
    ctx.beginCall();
    try {
      const output = this.run(operation, input);
      if (ctx.listening) ctx.emit({ type: 'call', t, operation, input, output, ...this.callFacts(origin) });
      enforceRecordBudget(ctx);
      // Fire what the call made due at this very instant (a zero delay, a retention check on a whole
      // second) now, not at the next advance: replay advances to each command's time before running
      // it, so leaving such an event pending would let a replay diverge from the live engine.
      this.advanceTo(t);
      return output;
    } catch (error) {
      const failure = isKinesisError(error) ? error : (error as KinesisError);
      ctx.emit({
        type: 'call',
        t,
        operation,
        input,
        error: { name: failure.name, message: failure.message, httpStatus: failure.httpStatus ?? 500 },
        ...this.callFacts(origin),
      });
      throw error;
    }
  }

  /** What the engine learnt while running the call, for its event (nothing when nobody listens). */
  private callFacts(origin: string | undefined): {
    origin?: string;
    stream?: string;
    failedRecords?: Record<string, number>;
  } {
    const { callStream, callFailures } = this.ctx;
    if (origin === undefined && callStream === undefined && callFailures === undefined) return {};
    return {
      ...(origin !== undefined ? { origin } : {}),
      ...(callStream !== undefined ? { stream: callStream } : {}),
      ...(callFailures !== undefined ? { failedRecords: callFailures } : {}),
    };
  }

  admin(operation: string, input: unknown): unknown {
    return this.call(operation, input);
  }

  private run(operation: string, input: unknown): unknown {
    if (operation.startsWith(ADMIN_PREFIX)) {
      const args = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
      return runKmsAdmin(this.ctx, operation, args);
    }
    const def = OPERATIONS.get(operation);
    if (!def || !def.profiles.includes(this.options.profile)) throw unknownOperation();
    const typed = validateInput(def.input(this.options.profile), input, { mode: 'sdk' });
    this.ctx.callStream = namedStream(typed);
    const commitRate = checkApiRate(this.ctx, operation, typed);
    const output = (def.run as (ctx: Context, input: unknown) => unknown)(this.ctx, typed);
    commitRate();
    return output;
  }

  now(): number {
    return this.ctx.now();
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.ctx.now() + ms);
  }

  advanceTo(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`Cannot advance to ${t}`);
    const clock = this.ctx.state.clock;
    if (t < clock.now) throw new RangeError(`Virtual time only moves forward (now ${clock.now}, asked ${t})`);
    for (let next = peek(clock); next !== undefined && next.at <= t; next = peek(clock)) {
      pop(clock);
      clock.now = Math.max(clock.now, next.at);
      fire(this.ctx, next.event, next.at);
    }
    clock.now = t;
  }

  nextEventTime(): number | undefined {
    return peek(this.ctx.state.clock)?.at;
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  commands(): readonly Command[] {
    return this.log;
  }

  snapshot(): EngineSnapshot {
    return { options: this.options, checkpoint: cloneState(this.ctx.state), commands: this.log.slice() };
  }

  streams(): readonly StreamState[] {
    return [...this.ctx.state.streams.values()];
  }

  stream(name: string): StreamState | undefined {
    return this.ctx.state.streams.get(name);
  }

  iterators(): readonly IteratorState[] {
    return [...this.ctx.state.iterators.values()];
  }

  kmsKeys(): readonly KmsKeyView[] {
    return this.ctx.state.kms.keys.map(describeKey);
  }
}

/** The stream a call's input names by StreamName or StreamARN, if it does. */
function namedStream(input: Record<string, unknown>): string | undefined {
  if (typeof input.StreamName === 'string') return input.StreamName;
  return typeof input.StreamARN === 'string' ? streamOfArn(input.StreamARN) : undefined;
}

export function createEngine(options?: EngineOptionsInput): Engine {
  const resolved = resolveOptions(options);
  return new SimulatedKinesis(resolved, freshState(resolved));
}

/** An engine in exactly the snapshot's state, sharing nothing mutable with the original. */
export function restoreEngine(snapshot: EngineSnapshot): Engine {
  return new SimulatedKinesis(snapshot.options, materialize(snapshot.checkpoint), snapshot.commands.slice());
}

/**
 * Rebuilds an engine by replaying a command log from scratch, up to `until` (default: the last
 * command's time). Same options and commands give the same outputs, byte for byte. `listener`,
 * if given, hears every event of the replay (and only those).
 */
export function replay(
  options: EngineOptionsInput | EngineOptions,
  commands: readonly Command[],
  until?: number,
  listener?: EngineListener,
): Engine {
  const engine = createEngine(options);
  const stop = listener ? engine.subscribe(listener) : undefined;
  for (const command of commands) {
    if (until !== undefined && command.t > until) break;
    engine.advanceTo(command.t);
    try {
      engine.call(command.operation, command.input);
    } catch (error) {
      if (!isKinesisError(error)) throw error;
    }
  }
  if (until !== undefined && until > engine.now()) engine.advanceTo(until);
  stop?.();
  return engine;
}

export type { EngineEvent };
