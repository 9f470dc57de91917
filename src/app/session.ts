/**
 * A session is the settings, the journal (what was asked of the world, each at its virtual time:
 * see journal/world) and the virtual time reached, plus the lesson under way if any. Replaying
 * the journal under the settings up to that time rebuilds exactly the same world, traffic
 * included, so a session stays small however much traffic ran. Sessions autosave to the
 * browser's storage, travel as JSON files and inside share links; every one is checked (types
 * and ranges) before anything is replaced.
 *
 * Files of the first format kept every call (the traffic's too) and the traffic's progress as a
 * plan: they are read into a journal of those calls with the plan adopted at the end.
 */
import { PROFILES } from '../engine';
import { isTrafficOperation, type Entry } from '../journal/world';
import type { Settings, TimingChoice } from '../store';
import { decodeTagged, encodeTagged } from '../protocol/tagged';

export const SESSION_SCHEMA = 'shardscope-session';
export const SESSION_VERSION = 2;
/** Versions this app reads: 1 (every call, traffic as a plan) and 2 (the journal). */
export const READABLE_SESSION_VERSIONS: readonly number[] = [1, 2];

export interface Session {
  settings: Settings;
  journal: Entry[];
  /** Virtual epoch ms the session had reached. */
  now: number;
  /** The guided lesson under way, and where it stands (the scenarios layer's LessonPlan). */
  lesson?: unknown;
}

/** The JSON document of a session file. */
export interface SessionFile {
  schema: typeof SESSION_SCHEMA;
  version: typeof SESSION_VERSION;
  settings: Settings;
  now: number;
  journal: { t: number; operation: string; input: unknown; lesson?: true }[];
  lesson?: unknown;
}

export type ParseResult = { ok: true; session: Session } | { ok: false; error: string };

/** The latest and earliest instants a Date can show (and so the engine can take). */
export const MAX_TIME = 8.64e15;
/** Entries a session may hold: far more than anyone makes by hand, few enough to check quickly. */
export const MAX_ENTRIES = 1_000_000;
/** A session file larger than this is refused before it is read (first-format files kept every call). */
export const MAX_SESSION_FILE_BYTES = 64 * 1024 * 1024;

export function toFile(session: Session): SessionFile {
  return {
    schema: SESSION_SCHEMA,
    version: SESSION_VERSION,
    settings: session.settings,
    now: session.now,
    journal: session.journal.map((e) => ({
      t: e.t,
      operation: e.operation,
      input: encodeTagged(e.input),
      ...(e.lesson ? { lesson: true as const } : {}),
    })),
    ...(session.lesson !== undefined ? { lesson: session.lesson } : {}),
  };
}

export const serializeSession = (session: Session): string => JSON.stringify(toFile(session));

const entryText = (e: Entry): string =>
  JSON.stringify({
    t: e.t,
    operation: e.operation,
    input: encodeTagged(e.input),
    ...(e.lesson ? { lesson: true } : {}),
  });

/**
 * Writes a session's text as serializeSession does, encoding each journal entry once: the journal
 * only grows, so an autosave a second costs the entries added since, not the whole session again
 * (a session of 100,000 records in PutRecords calls is megabytes). Gives up (undefined) past
 * `budget` characters.
 */
export class SessionWriter {
  private entries: readonly Entry[] = [];
  private texts: string[] = [];
  private chars = 0;

  text(session: Session, budget = Infinity): string | undefined {
    const journal = session.journal;
    const known = this.texts.length;
    // The same journal grown (its entries are the same objects), or another one: start again.
    const same = known <= journal.length && (known === 0 || journal[known - 1] === this.entries[known - 1]);
    if (!same) {
      this.texts = [];
      this.chars = 0;
    }
    this.entries = journal;
    for (let i = this.texts.length; i < journal.length; i++) {
      const text = entryText(journal[i]!);
      this.texts.push(text);
      this.chars += text.length + 1;
      if (this.chars > budget) return undefined;
    }
    if (this.chars > budget) return undefined;
    const head = JSON.stringify({
      schema: SESSION_SCHEMA,
      version: SESSION_VERSION,
      settings: session.settings,
      now: session.now,
    });
    const lesson = session.lesson !== undefined ? `,"lesson":${JSON.stringify(session.lesson)}` : '';
    const text = `${head.slice(0, -1)},"journal":[${this.texts.join(',')}]${lesson}}`;
    return text.length > budget ? undefined : text;
  }
}

const TIMINGS: readonly TimingChoice[] = ['realistic', 'fast', 'minutes'];
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_TIME;

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
  if (typeof region !== 'string' || region.length > 64 || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    return '"settings.region" must be a region name such as us-east-1';
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) return '"settings.seed" must be a whole number';
  if (!isTime(startTime) || !Number.isInteger(startTime) || startTime < 0)
    return '"settings.startTime" must be epoch milliseconds from 1970 on, within what a date can show';
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

/** Reads the timed entries of a file ("journal", or a first-format file's "commands"). */
function readEntries(list: unknown, key: string, startTime: number): Entry[] | string {
  if (!Array.isArray(list)) return `"${key}" must be a list`;
  if (list.length > MAX_ENTRIES) return `"${key}" holds more than ${MAX_ENTRIES} entries`;
  const entries: Entry[] = [];
  let last = startTime;
  for (const [i, raw] of list.entries()) {
    const where = `${key}[${i}]`;
    if (!isObject(raw)) return `${where} must be an object`;
    if (!isTime(raw.t) || raw.t < last) return `${where}.t must be a time no earlier than the one before it`;
    if (typeof raw.operation !== 'string' || raw.operation === '' || raw.operation.length > 128) {
      return `${where}.operation must be an operation name`;
    }
    if (raw.lesson !== undefined && raw.lesson !== true) return `${where}.lesson must be true when present`;
    let input: unknown;
    try {
      input = decodeTagged(raw.input);
    } catch (error) {
      return `${where}.input: ${(error as Error).message}`;
    }
    last = raw.t;
    entries.push({ t: raw.t, operation: raw.operation, input, ...(raw.lesson ? { lesson: true as const } : {}) });
  }
  return entries;
}

/** Checks a session file's text (types and ranges); never throws. */
export function parseSession(text: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (is it truncated?): ${(error as Error).message}` };
  }
  return readSession(doc);
}

/** Checks a parsed session document; never throws. */
export function readSession(doc: unknown): ParseResult {
  const invalid = (error: string): ParseResult => ({ ok: false, error: `Invalid session: ${error}.` });
  if (!isObject(doc)) return { ok: false, error: 'The file is not a Shardscope session: expected a JSON object.' };
  if (doc.schema !== SESSION_SCHEMA) {
    return { ok: false, error: `The file is not a Shardscope session: "schema" should be "${SESSION_SCHEMA}".` };
  }
  if (typeof doc.version !== 'number' || !READABLE_SESSION_VERSIONS.includes(doc.version)) {
    return {
      ok: false,
      error: `Unsupported session version ${JSON.stringify(doc.version)?.slice(0, 20)}; this app reads versions ${READABLE_SESSION_VERSIONS.join(' and ')}.`,
    };
  }
  const settings = checkSettings(doc.settings);
  if (typeof settings === 'string') return invalid(settings);
  const firstFormat = doc.version === 1;
  const journal = readEntries(
    firstFormat ? doc.commands : doc.journal,
    firstFormat ? 'commands' : 'journal',
    settings.startTime,
  );
  if (typeof journal === 'string') return invalid(journal);
  if (firstFormat && journal.some((e) => isTrafficOperation(e.operation)))
    return invalid('"commands" of a version 1 session are calls only');
  const last = journal[journal.length - 1]?.t ?? settings.startTime;
  if (!isTime(doc.now) || doc.now < last) return invalid('"now" must be a time no earlier than the last entry');
  if (doc.lesson !== undefined && !isObject(doc.lesson)) return invalid('"lesson" must be an object');
  if (firstFormat) {
    if (doc.traffic !== undefined && !isObject(doc.traffic)) return invalid('"traffic" must be an object');
    // The traffic kept as a plan goes on from the session's time.
    if (doc.traffic !== undefined) journal.push({ t: doc.now, operation: 'traffic:adopt', input: doc.traffic });
  }
  return {
    ok: true,
    session: { settings, journal, now: doc.now, ...(doc.lesson !== undefined ? { lesson: doc.lesson } : {}) },
  };
}
