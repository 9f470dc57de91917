/**
 * `--import FILE`: starts the endpoint from a session the page exported (its "Save session" file),
 * so a workshop's streams move from the page to the endpoint.
 *
 * A session file (schema "shardscope-session", version 2) holds the page's settings, its journal
 * of timed entries ({t, operation, input}, values tagged as in tagged.ts) and the virtual time it
 * reached. The Kinesis calls and KMS administration commands are replayed into an engine made with
 * the page's settings, so sequence numbers, shard ids and times come out as they were in the page.
 * Traffic entries (`traffic:…`: simulated producers and consumers) are left out with a note: that
 * traffic lives in the page, and its records are not in the file.
 *
 * The checks are the page's own (types and ranges), made again here because the endpoint does
 * not load the page's code.
 */
import fs from 'node:fs';
import { PROFILES, createEngine, type Engine, type EngineOptionsInput } from '../../engine/index';
import { tryEntry } from './commands';
import { decodeTagged } from '../../protocol/tagged';

export const SESSION_SCHEMA = 'shardscope-session';
export const SESSION_VERSION = 2;
/** The page refuses larger session files, and so does the endpoint. */
export const MAX_SESSION_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_ENTRIES = 1_000_000;
const MAX_TIME = 8.64e15;
const TIMINGS = ['realistic', 'fast', 'minutes'] as const;

export class ImportError extends Error {}

export interface ImportedSession {
  readonly engine: Engine;
  /** What the start-up message says about the import. */
  readonly notes: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_TIME;

function engineOptions(value: unknown): EngineOptionsInput {
  const fail = (what: string): never => {
    throw new ImportError(`Invalid session: "settings.${what}.`);
  };
  if (!isObject(value)) throw new ImportError('Invalid session: "settings" must be an object.');
  const { profile, timing, throughput, apiRates, accountId, region, seed, startTime } = value;
  if (typeof profile !== 'string' || !(PROFILES as readonly string[]).includes(profile))
    fail(`profile" must be one of ${PROFILES.join(', ')}`);
  if (typeof timing !== 'string' || !(TIMINGS as readonly string[]).includes(timing))
    fail(`timing" must be one of ${TIMINGS.join(', ')}`);
  if (typeof throughput !== 'boolean') fail('throughput" must be true or false');
  if (typeof apiRates !== 'boolean') fail('apiRates" must be true or false');
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) fail('accountId" must be 12 digits');
  if (typeof region !== 'string' || region.length > 64 || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    fail('region" must be a region name such as us-east-1');
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) fail('seed" must be a whole number');
  if (!isTime(startTime) || !Number.isInteger(startTime) || startTime < 0)
    fail('startTime" must be epoch milliseconds from 1970 on, within what a date can show');
  return {
    profile: profile as EngineOptionsInput['profile'] & string,
    timings: timing as (typeof TIMINGS)[number],
    limits: { throughput: throughput as boolean, apiRates: apiRates as boolean },
    accountId: accountId as string,
    region: region as string,
    seed: seed as number,
    startTime: startTime as number,
    commandLog: false,
  };
}

/** Reads, checks and replays a session file; throws ImportError saying what is wrong. */
export function importSession(file: string): ImportedSession {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw new ImportError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > MAX_SESSION_FILE_BYTES)
    throw new ImportError(`${file} is larger than a session file can be (${MAX_SESSION_FILE_BYTES} bytes)`);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ImportError(`${file} is not valid JSON (is it truncated?): ${(error as Error).message}`);
  }
  return importSessionDocument(doc, file);
}

export function importSessionDocument(doc: unknown, file: string): ImportedSession {
  if (!isObject(doc) || doc.schema !== SESSION_SCHEMA)
    throw new ImportError(`${file} is not a Shardscope session: "schema" should be "${SESSION_SCHEMA}".`);
  if (doc.version !== SESSION_VERSION)
    throw new ImportError(
      `${file} is a session of version ${JSON.stringify(doc.version)?.slice(0, 20)}; the endpoint imports version ${SESSION_VERSION} (open and save it in the page first).`,
    );
  const options = engineOptions(doc.settings);
  const list = doc.journal;
  if (!Array.isArray(list)) throw new ImportError('Invalid session: "journal" must be a list.');
  if (list.length > MAX_ENTRIES)
    throw new ImportError(`Invalid session: "journal" holds more than ${MAX_ENTRIES} entries.`);
  // Every entry is checked before anything is replayed.
  const entries: { t: number; operation: string; input: unknown }[] = [];
  let last = options.startTime!;
  for (const [i, raw] of list.entries()) {
    const where = `journal[${i}]`;
    if (!isObject(raw)) throw new ImportError(`Invalid session: ${where} must be an object.`);
    if (!isTime(raw.t) || raw.t < last)
      throw new ImportError(`Invalid session: ${where}.t must be a time no earlier than the one before it.`);
    if (typeof raw.operation !== 'string' || raw.operation === '' || raw.operation.length > 128)
      throw new ImportError(`Invalid session: ${where}.operation must be an operation name.`);
    if (raw.lesson !== undefined && raw.lesson !== true)
      throw new ImportError(`Invalid session: ${where}.lesson must be true when present.`);
    let input: unknown;
    try {
      input = decodeTagged(raw.input);
    } catch (error) {
      throw new ImportError(`Invalid session: ${where}.input: ${(error as Error).message}.`);
    }
    last = raw.t;
    entries.push({ t: raw.t, operation: raw.operation, input });
  }
  if (!isTime(doc.now) || doc.now < last)
    throw new ImportError('Invalid session: "now" must be a time no earlier than the last entry.');

  const engine = createEngine(options);
  let traffic = 0;
  let calls = 0;
  let refused = 0;
  for (const entry of entries) {
    if (entry.operation.startsWith('traffic:')) {
      traffic++;
      continue;
    }
    calls++;
    if (tryEntry(engine, entry) !== undefined) refused++;
  }
  engine.advanceTo(Math.max(engine.now(), doc.now));
  const notes = [
    `imported ${file}: ${calls} calls replayed${refused > 0 ? ` (${refused} refused, as they were in the page)` : ''}`,
  ];
  if (traffic > 0)
    notes.push(
      `${traffic} traffic entries left out: simulated producers and consumers run in the page, and their records are not in the file`,
    );
  if (doc.lesson !== undefined) notes.push('the lesson under way was left out: lessons run in the page');
  return { engine, notes };
}
