/**
 * The embed's postMessage protocol (docs/embedding.md). Messages are plain data; every message
 * from the host is checked for shape and anything else is answered with an "error" message.
 * Nothing the host sends is ever executed: a scenario is a built-in name or a share token.
 */
export const MESSAGE_SOURCE = 'shardscope';

/** Host → embed. */
export type HostMessage =
  | { target: 'shardscope'; type: 'play' }
  | { target: 'shardscope'; type: 'pause' }
  /** Virtual milliseconds after the start of the session or scenario. */
  | { target: 'shardscope'; type: 'seek'; time: number }
  | { target: 'shardscope'; type: 'speed'; speed: number }
  | { target: 'shardscope'; type: 'load'; scenario: string };

/** Embed → host. `id` is the embed's `&id=` parameter, when it has one. */
export type EmbedMessage =
  | { source: 'shardscope'; id?: string; type: 'ready'; view: string; scenario?: string }
  | { source: 'shardscope'; id?: string; type: 'height'; height: number }
  | { source: 'shardscope'; id?: string; type: 'time'; now: number; elapsed: number; playing: boolean; speed: number }
  | { source: 'shardscope'; id?: string; type: 'selection'; selection: unknown }
  | { source: 'shardscope'; id?: string; type: 'error'; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks a host message; returns it typed, an error text, or null for messages not meant for us. */
export function checkHostMessage(data: unknown): HostMessage | string | null {
  if (!isObject(data) || data.target !== MESSAGE_SOURCE) return null;
  const keys = Object.keys(data).sort().join(',');
  switch (data.type) {
    case 'play':
    case 'pause':
      return keys === 'target,type'
        ? { target: 'shardscope', type: data.type }
        : `"${data.type}" takes no other fields`;
    case 'seek':
      if (
        keys !== 'target,time,type' ||
        typeof data.time !== 'number' ||
        !Number.isFinite(data.time) ||
        data.time < 0 ||
        data.time > 30 * 86_400_000
      ) {
        return '"seek" needs {time}: virtual milliseconds after the start, from 0 to 30 days';
      }
      return { target: 'shardscope', type: 'seek', time: data.time };
    case 'speed':
      if (
        keys !== 'speed,target,type' ||
        typeof data.speed !== 'number' ||
        !(data.speed >= 0.1 && data.speed <= 1000)
      ) {
        return '"speed" needs {speed}: 0.1 to 1000';
      }
      return { target: 'shardscope', type: 'speed', speed: data.speed };
    case 'load':
      if (
        keys !== 'scenario,target,type' ||
        typeof data.scenario !== 'string' ||
        data.scenario.length === 0 ||
        data.scenario.length > 2_000_000
      ) {
        return '"load" needs {scenario}: a built-in scenario name or a share-link token';
      }
      return { target: 'shardscope', type: 'load', scenario: data.scenario };
    default:
      return `unknown message type ${JSON.stringify(data.type)} (play, pause, seek, speed, load)`;
  }
}

export const EMBED_VIEWS = ['keyspace', 'hash', 'lanes', 'timeline', 'throughput', 'console'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

export interface EmbedOptions {
  view: EmbedView;
  scenario?: string;
  autoplay: boolean;
  speed?: number;
  controls: 'none' | 'minimal' | 'full';
  theme: 'light' | 'dark' | 'auto';
  id?: string;
  /** The poster frame of a paused lesson: this many milliseconds of virtual time in… */
  at?: number;
  /** …or at this stop (1 is where the lesson first waits, the default). */
  stop?: number;
}

/** The longest lesson time `&at=` can ask for (30 days, as a scenario's steps). */
const MAX_AT_MS = 30 * 24 * 3600 * 1000;

/** Reads `?embed=…` and friends; undefined when the page is not an embed, a message when malformed. */
export function parseEmbedParams(search: string): EmbedOptions | string | undefined {
  const params = new URLSearchParams(search);
  const view = params.get('embed');
  if (view === null) return undefined;
  if (!(EMBED_VIEWS as readonly string[]).includes(view))
    return `Unknown view "${view}": use one of ${EMBED_VIEWS.join(', ')}.`;
  const controls = params.get('controls') ?? 'minimal';
  if (controls !== 'none' && controls !== 'minimal' && controls !== 'full')
    return `controls must be none, minimal or full, not "${controls}".`;
  const theme = params.get('theme') ?? 'auto';
  if (theme !== 'light' && theme !== 'dark' && theme !== 'auto')
    return `theme must be light, dark or auto, not "${theme}".`;
  const options: EmbedOptions = {
    view: view as EmbedView,
    autoplay: params.has('autoplay') && params.get('autoplay') !== 'false',
    controls,
    theme,
  };
  const speed = params.get('speed');
  if (speed !== null) {
    const n = Number(speed);
    if (!(n >= 0.1 && n <= 1000)) return `speed must be a number from 0.1 to 1000, not "${speed}".`;
    options.speed = n;
  }
  const scenario = params.get('scenario');
  if (scenario) options.scenario = scenario;
  const at = params.get('at');
  const stop = params.get('stop');
  if (at !== null && stop !== null) return 'at and stop both choose the poster frame: give one of them.';
  if (at !== null) {
    const n = Number(at);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_AT_MS))
      return `at must be whole milliseconds of virtual time from 0 to ${MAX_AT_MS}, not "${at.slice(0, 40)}".`;
    options.at = n;
  }
  if (stop !== null) {
    const n = Number(stop);
    if (!(Number.isInteger(n) && n >= 0 && n <= 100))
      return `stop must be a whole number from 0 to 100, not "${stop.slice(0, 40)}".`;
    options.stop = n;
  }
  const id = params.get('id');
  if (id) options.id = id.slice(0, 100);
  return options;
}
