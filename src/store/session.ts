/**
 * A session is the settings plus the timed command log plus the virtual time reached: replaying
 * the log under the settings up to that time rebuilds exactly the same engine. Sessions autosave
 * to the browser's storage and travel as JSON files; a file is checked against the schema before
 * anything is replaced.
 */
import { PROFILES, type Command } from '../engine';
import { decodeValue, encodeValue } from './codec';
import type { Settings, SimulatorState, SimulatorStore, TimingChoice } from './index';

export const SESSION_SCHEMA = 'shardscope-session';
export const SESSION_VERSION = 1;
export const STORAGE_KEY = 'shardscope.session.v1';

/**
 * What the layers above keep with a session, as data the store does not interpret: they check it
 * themselves when it is opened.
 */
export interface SessionExtras {
  /** The traffic running then (producers and consumers, as the traffic layer's TrafficPlan). */
  traffic?: unknown;
  /** The guided lesson under way, and where it stands (the scenarios layer's LessonPlan). */
  lesson?: unknown;
}

const EXTRAS = ['traffic', 'lesson'] as const;

/** The extras that are there, for spreading into a session or a file. */
const extrasOf = (from: SessionExtras): SessionExtras => {
  const out: SessionExtras = {};
  for (const key of EXTRAS) if (from[key] !== undefined) out[key] = from[key];
  return out;
};

export interface Session extends SessionExtras {
  settings: Settings;
  commands: Command[];
  /** Virtual epoch ms the session had reached. */
  now: number;
}

/** The JSON document of a session file. */
export interface SessionFile extends SessionExtras {
  schema: typeof SESSION_SCHEMA;
  version: typeof SESSION_VERSION;
  settings: Settings;
  now: number;
  commands: { t: number; operation: string; input: unknown }[];
}

export type ParseResult = { ok: true; session: Session } | { ok: false; error: string };

export function sessionOf(state: Pick<SimulatorState, 'engine' | 'settings'>): Session {
  return { settings: { ...state.settings }, commands: state.engine.commands().slice(), now: state.engine.now() };
}

export function toFile(session: Session): SessionFile {
  return {
    schema: SESSION_SCHEMA,
    version: SESSION_VERSION,
    settings: session.settings,
    now: session.now,
    commands: session.commands.map((c) => ({ t: c.t, operation: c.operation, input: encodeValue(c.input) })),
    ...extrasOf(session),
  };
}

export const serializeSession = (session: Session): string => JSON.stringify(toFile(session));

const TIMINGS: readonly TimingChoice[] = ['realistic', 'fast', 'minutes'];
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkSettings(value: unknown): string | Settings {
  if (!isObject(value)) return '"settings" must be an object';
  const { profile, timing, throughput, apiRates, accountId, region, seed, startTime } = value;
  if (typeof profile !== 'string' || !(PROFILES as readonly string[]).includes(profile)) {
    return `"settings.profile" must be one of ${PROFILES.join(', ')}`;
  }
  if (typeof timing !== 'string' || !(TIMINGS as readonly string[]).includes(timing)) {
    return `"settings.timing" must be one of ${TIMINGS.join(', ')}`;
  }
  if (typeof throughput !== 'boolean') return '"settings.throughput" must be true or false';
  if (typeof apiRates !== 'boolean') return '"settings.apiRates" must be true or false';
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) return '"settings.accountId" must be 12 digits';
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    return '"settings.region" must be a region name such as us-east-1';
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) return '"settings.seed" must be a whole number';
  if (typeof startTime !== 'number' || !Number.isSafeInteger(startTime))
    return '"settings.startTime" must be epoch milliseconds';
  return {
    profile: profile as Settings['profile'],
    timing: timing as TimingChoice,
    throughput,
    apiRates,
    accountId,
    region,
    seed,
    startTime,
  };
}

/** Checks a session file's text against the schema; never throws. */
export function parseSession(text: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (is it truncated?): ${(error as Error).message}` };
  }
  if (!isObject(doc)) return { ok: false, error: 'The file is not a Shardscope session: expected a JSON object.' };
  if (doc.schema !== SESSION_SCHEMA) {
    return { ok: false, error: `The file is not a Shardscope session: "schema" should be "${SESSION_SCHEMA}".` };
  }
  if (doc.version !== SESSION_VERSION) {
    return {
      ok: false,
      error: `Unsupported session version ${JSON.stringify(doc.version)}; this app reads version ${SESSION_VERSION}.`,
    };
  }
  const settings = checkSettings(doc.settings);
  if (typeof settings === 'string') return { ok: false, error: `Invalid session: ${settings}.` };
  if (!Array.isArray(doc.commands)) return { ok: false, error: 'Invalid session: "commands" must be a list.' };
  const commands: Command[] = [];
  let last = settings.startTime;
  for (const [i, raw] of doc.commands.entries()) {
    const where = `commands[${i}]`;
    if (!isObject(raw)) return { ok: false, error: `Invalid session: ${where} must be an object.` };
    if (typeof raw.t !== 'number' || !Number.isFinite(raw.t) || raw.t < last) {
      return { ok: false, error: `Invalid session: ${where}.t must be a time no earlier than the one before it.` };
    }
    if (typeof raw.operation !== 'string' || raw.operation === '') {
      return { ok: false, error: `Invalid session: ${where}.operation must be an operation name.` };
    }
    let input: unknown;
    try {
      input = decodeValue(raw.input);
    } catch (error) {
      return { ok: false, error: `Invalid session: ${where}.input: ${(error as Error).message}.` };
    }
    last = raw.t;
    commands.push({ t: raw.t, operation: raw.operation, input });
  }
  if (typeof doc.now !== 'number' || !Number.isFinite(doc.now) || doc.now < last) {
    return { ok: false, error: 'Invalid session: "now" must be a time no earlier than the last command.' };
  }
  for (const key of EXTRAS) {
    if (doc[key] !== undefined && !isObject(doc[key]))
      return { ok: false, error: `Invalid session: "${key}" must be an object.` };
  }
  return { ok: true, session: { settings, commands, now: doc.now, ...extrasOf(doc) } };
}

/** Replaces the store's engine with the session's (replayed up to its time). */
export function loadSession(store: SimulatorStore, session: Session): void {
  store.getState().load(session.settings, session.commands, session.now);
}

/** What the autosave needs from window.localStorage. */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readSaved(storage: SessionStorage): Session | null {
  const text = storage.getItem(STORAGE_KEY);
  if (text === null) return null;
  const parsed = parseSession(text);
  return parsed.ok ? parsed.session : null;
}

/**
 * Browsers give an origin about 5 million characters of localStorage; a session larger than this
 * is not attempted (it would fail after costing seconds of serialization) and the app says so.
 */
export const AUTOSAVE_BUDGET_CHARS = 4_500_000;

/**
 * Writes the session's JSON incrementally: the command log only grows while the engine stays the
 * same, so each command is encoded once and later saves only join the cached texts. (Encoding a
 * 100,000-record log from scratch took over two seconds, every second while time ran.)
 */
export class SessionWriter {
  private engineVersion = -1;
  private encoded: string[] = [];
  private chars = 0;

  /**
   * The session file's text, or undefined when it is larger than `budget` characters. The
   * extras are kept as they are given (see SessionExtras).
   */
  text(
    state: Pick<SimulatorState, 'engine' | 'settings' | 'engineVersion'>,
    budget = Infinity,
    extras: SessionExtras = {},
  ): string | undefined {
    if (state.engineVersion !== this.engineVersion) {
      this.engineVersion = state.engineVersion;
      this.encoded = [];
      this.chars = 0;
    }
    const commands = state.engine.commands();
    for (let i = this.encoded.length; i < commands.length; i++) {
      const c = commands[i]!;
      const text = JSON.stringify({ t: c.t, operation: c.operation, input: encodeValue(c.input) });
      this.encoded.push(text);
      this.chars += text.length + 1;
      if (this.chars > budget) return undefined;
    }
    if (this.chars > budget) return undefined;
    const head = JSON.stringify({
      schema: SESSION_SCHEMA,
      version: SESSION_VERSION,
      settings: state.settings,
      now: state.engine.now(),
      ...extrasOf(extras),
    });
    return `${head.slice(0, -1)},"commands":[${this.encoded.join(',')}]}`;
  }
}

export function save(
  store: SimulatorStore,
  storage: SessionStorage,
  writer = new SessionWriter(),
  extras?: () => SessionExtras,
): boolean {
  const text = writer.text(store.getState(), AUTOSAVE_BUDGET_CHARS, extras?.());
  if (text === undefined) return false; // Too large: the session still lives in the tab and can be exported.
  try {
    storage.setItem(STORAGE_KEY, text);
    return true;
  } catch {
    return false; // Quota exceeded: the session still lives in the tab and can be exported.
  }
}

/**
 * Saves the session soon after it changes: `callDelayMs` after a call or an engine replacement,
 * `intervalMs` after virtual time alone moved. Each command is encoded once (SessionWriter), and
 * a burst of calls is saved once, not once per call. Call the returned `flush` on pagehide so
 * nothing is lost; `stop` saves one last time and unsubscribes.
 */
export function autosave(
  store: SimulatorStore,
  storage: SessionStorage,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
  intervalMs = 1000,
  /** Told once when a save fails (storage full), and once more when saving works again. */
  onSaved?: (ok: boolean) => void,
  callDelayMs = 200,
  /** The traffic and the lesson under way, saved with the session so that a reload brings them back. */
  extras?: () => SessionExtras,
): { flush(): void; stop(): void } {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let pendingDelay = Infinity;
  let lastOk = true;
  const writer = new SessionWriter();
  const flush = () => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = undefined;
    pendingDelay = Infinity;
    const ok = save(store, storage, writer, extras);
    if (ok !== lastOk) onSaved?.(ok);
    lastOk = ok;
  };
  /** Saves within about `delay` ms: a pending save that is at least as soon stays. */
  const schedule = (delay: number) => {
    if (pending !== undefined && pendingDelay <= delay) return;
    if (pending !== undefined) timers.clearTimeout(pending);
    pendingDelay = delay;
    pending = timers.setTimeout(flush, delay);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    const commandsChanged = state.engineVersion !== previous.engineVersion || state.lastResult !== previous.lastResult;
    if (commandsChanged) schedule(callDelayMs);
    else if (state.now !== previous.now) schedule(intervalMs);
  });
  return {
    flush,
    stop: () => {
      unsubscribe();
      flush();
    },
  };
}
