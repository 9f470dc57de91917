/**
 * Attached mode: the page shows an endpoint's stream. It holds a copy of the endpoint's engine
 * (a snapshot, then every command the endpoint runs, replayed at its virtual time: the engine is
 * deterministic, so the copy is the endpoint's state and every view draws it unchanged), follows
 * the endpoint's clock instead of its own playback, and sends the console's calls to the endpoint.
 *
 * Each animation frame replays what arrived, within a wall-time budget, so a burst never freezes
 * the page; what is not replayed waits (bounded: past MAX_QUEUED commands the page starts again
 * from a snapshot) and the lag behind the endpoint says so.
 *
 * Freeze stops the picture: commands keep arriving and wait, and the person can scrub back
 * through what the page has seen (rebuilt from a checkpoint of the page's engine and the commands
 * kept since), then return to live, which replays what waited.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isKinesisError, restoreEngine, type Engine, type EngineOptions, type EngineSnapshot } from '../../engine';
import type { FeedCommand, FeedSnapshot } from '../../protocol/liveFeed';
import { Feed, PAGE_RECORD_BUDGET, type Built, type Settings, type SimulatorStore } from '../../store';
import { EndpointConnection, type ConnectionDeps, type LinkState } from './connection';
import { callEndpoint } from './remoteCall';

/** Wall time a frame may spend replaying; the rest of the frame is the views'. */
export const REPLAY_BUDGET_MS = 8;
/** Commands waiting at most (frozen, or a burst the page cannot replay yet) before starting again. */
export const MAX_QUEUED = 200_000;
/** Commands kept for scrubbing back before the checkpoint moves up to the present. */
export const MAX_KEPT = 100_000;

export interface AttachedView {
  readonly endpoint: string;
  readonly link: LinkState;
  /** Why the link is down, when it is. */
  readonly detail: string | undefined;
  readonly frozen: boolean;
  /** Virtual ms the picture is behind the endpoint's clock. */
  readonly lagMs: number;
  /** The earliest time the page can scrub back to, and the time the picture froze at. */
  readonly scrubFrom: number;
  readonly frozenAt: number;
  /** Commands replayed since attaching, and commands arrived and waiting (frozen, or a burst). */
  readonly replayed: number;
  readonly waiting: number;
}

export interface AttachmentHost {
  readonly fetch: typeof fetch;
  readonly wallNow: () => number;
  readonly requestFrame: (callback: () => void) => void;
  readonly delay?: (ms: number) => Promise<void>;
  /** Told when the endpoint restarted and its state was taken again. */
  readonly onRestarted?: () => void;
  /** Commands that may wait (MAX_QUEUED unless told). */
  readonly maxQueued?: number;
}

/** The settings a person would see for an endpoint's engine (the Settings dialog, the clock's start). */
export function settingsOf(options: EngineOptions): Settings {
  return {
    profile: options.profile,
    timing: 'realistic',
    throughput: options.limits.throughput,
    apiRates: options.limits.apiRates,
    accountId: options.accountId,
    region: options.region,
    seed: options.seed,
    startTime: options.startTime,
  };
}

/** A page holds at most its record budget, whatever the endpoint holds. */
const pageOptions = (options: EngineOptions): EngineOptions => ({
  ...options,
  commandLog: false,
  recordBudget: PAGE_RECORD_BUDGET,
});

function builtOf(engine: Engine): Built {
  const feed = new Feed();
  feed.follow(engine);
  return { engine, feed, settings: settingsOf(engine.options) };
}

/** Runs one command as the endpoint ran it; a refusal there is a refusal here, and changes nothing. */
export function replayCommand(engine: Engine, command: FeedCommand): void {
  if (command.t > engine.now()) engine.advanceTo(command.t);
  try {
    engine.call(command.operation, command.input, command.origin);
  } catch (error) {
    if (!isKinesisError(error)) throw error;
  }
}

export class Attachment {
  readonly view: StoreApi<AttachedView>;
  private readonly connection: EndpointConnection;
  private live: Built | undefined;
  /** Commands arrived and not replayed yet, from `queueFrom` on. */
  private queue: FeedCommand[] = [];
  private queueFrom = 0;
  /** The endpoint's clock as last told, and the wall time it was told at. */
  private endpointNow = 0;
  private toldAt = 0;
  /** The page's engine may move up to here: every command before it has been replayed. */
  private allowed = 0;
  private overflowed = false;
  /** What scrubbing rebuilds from: a checkpoint of the page's engine and the commands since. */
  private base: EngineSnapshot | undefined;
  private kept: FeedCommand[] = [];
  private scrubbing = false;
  /** Where the picture shown while scrubbing is, and how many kept commands it has run. */
  private scrubbed: { built: Built; through: number } | undefined;
  /** A scrub asked for by the slider, done at the next frame (a drag asks many times a frame). */
  private pendingScrub: number | undefined;
  private lastViewAt = -Infinity;
  private stopped = false;

  constructor(
    private readonly store: SimulatorStore,
    endpoint: string,
    private readonly host: AttachmentHost,
  ) {
    this.view = createStore<AttachedView>()(() => ({
      endpoint,
      link: 'connecting',
      detail: undefined,
      frozen: false,
      lagMs: 0,
      scrubFrom: 0,
      frozenAt: 0,
      replayed: 0,
      waiting: 0,
    }));
    const deps: ConnectionDeps = {
      fetch: host.fetch,
      delay: host.delay ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      adjust: pageOptions,
    };
    this.connection = new EndpointConnection(
      endpoint,
      {
        onSnapshot: (snapshot) => this.install(snapshot),
        onCommand: (command) => this.arrive(command),
        onTick: (now) => {
          this.endpointNow = Math.max(this.endpointNow, now);
          this.toldAt = host.wallNow();
        },
        onState: (link, detail) => {
          this.view.setState({ link, detail: link === 'connected' ? undefined : detail });
          if (link === 'restarted') host.onRestarted?.();
        },
      },
      deps,
    );
    // Playback cannot take the page's engine past what the endpoint has told (Step, Next event).
    store.getState().pause();
    store.getState().setDriver({ advance: (_engine, toTime) => Math.min(toTime, this.allowed) });
    // Play / pause (the Space key) means Live / Freeze here: time is the endpoint's.
    store.subscribe((state, previous) => {
      if (!state.playing || previous.playing) return;
      state.pause();
      if (this.view.getState().frozen) this.goLive();
      else this.freeze();
    });
  }

  get endpoint(): string {
    return this.view.getState().endpoint;
  }

  start(): void {
    this.connection.start();
    const frame = () => {
      if (this.stopped) return;
      this.frame();
      this.host.requestFrame(frame);
    };
    this.host.requestFrame(frame);
  }

  stop(): Promise<void> {
    this.stopped = true;
    return this.connection.stop();
  }

  /** The console's call, sent to the endpoint; its answer becomes the store's last result. */
  async call(operation: string, input: unknown) {
    const t = this.store.getState().engine.now();
    const result = await callEndpoint(this.endpoint, operation, input, t, this.host.fetch);
    this.store.setState({ lastResult: result });
    return result;
  }

  freeze(): void {
    if (this.view.getState().frozen) return;
    const now = this.store.getState().engine.now();
    this.view.setState({ frozen: true, frozenAt: now, scrubFrom: this.base?.checkpoint.state.clock.now ?? now });
  }

  /** Scrubs at the next frame (the slider: many moves a frame cost one rebuild). */
  requestScrub(t: number): void {
    this.pendingScrub = t;
  }

  /**
   * Shows the stream as it was at `t` (between the scrub floor and the moment it froze): rebuilt
   * from the checkpoint going back, carried on from the picture shown going forward.
   */
  scrubTo(t: number): void {
    const { frozen, frozenAt, scrubFrom } = this.view.getState();
    if (!frozen || !this.live || !this.base) return;
    const target = Math.max(scrubFrom, Math.min(frozenAt, t));
    if (target >= frozenAt) {
      if (this.scrubbing) this.show(this.live);
      this.scrubbing = false;
      this.scrubbed = undefined;
      return;
    }
    let scrubbed = this.scrubbed;
    if (!this.scrubbing || scrubbed === undefined || scrubbed.built.engine.now() > target)
      scrubbed = { built: builtOf(restoreEngine(this.base)), through: 0 };
    const { engine } = scrubbed.built;
    while (scrubbed.through < this.kept.length && this.kept[scrubbed.through]!.t <= target)
      replayCommand(engine, this.kept[scrubbed.through++]!);
    if (target > engine.now()) engine.advanceTo(target);
    this.scrubbed = scrubbed;
    if (this.scrubbing && this.store.getState().engine === engine) {
      this.allowed = target;
      this.store.getState().advanceTo(target);
    } else this.show(scrubbed.built);
    this.scrubbing = true;
  }

  /** Back to following the endpoint: what waited is replayed over the next frames. */
  goLive(): void {
    if (!this.view.getState().frozen) return;
    if (this.scrubbing && this.live) this.show(this.live);
    this.scrubbing = false;
    this.scrubbed = undefined;
    this.pendingScrub = undefined;
    this.view.setState({ frozen: false });
    if (this.overflowed) this.restartFromSnapshot();
  }

  private show(built: Built): void {
    this.allowed = built.engine.now();
    this.store.getState().install(built);
  }

  private install(snapshot: FeedSnapshot): void {
    this.live = builtOf(snapshot.engine);
    this.queue = [];
    this.queueFrom = 0;
    this.overflowed = false;
    this.rebase();
    this.endpointNow = Math.max(this.endpointNow, snapshot.engine.now());
    if (!this.view.getState().frozen || !this.scrubbing) this.show(this.live);
    if (this.view.getState().frozen)
      this.view.setState({ frozenAt: snapshot.engine.now(), scrubFrom: snapshot.engine.now() });
  }

  private rebase(): void {
    if (!this.live) return;
    this.base = this.live.engine.snapshot();
    this.kept = [];
  }

  private arrive(command: FeedCommand): void {
    if (this.overflowed) return;
    this.queue.push(command);
    if (this.queue.length - this.queueFrom > (this.host.maxQueued ?? MAX_QUEUED)) {
      this.overflowed = true;
      this.queue = [];
      this.queueFrom = 0;
      if (!this.view.getState().frozen) this.restartFromSnapshot();
    }
  }

  private restartFromSnapshot(): void {
    this.overflowed = false;
    this.connection.resync();
  }

  /** One animation frame: replay what arrived within the budget, move to the endpoint's clock. */
  frame(): void {
    if (this.pendingScrub !== undefined) {
      const t = this.pendingScrub;
      this.pendingScrub = undefined;
      this.scrubTo(t);
    }
    const live = this.live;
    const frozen = this.view.getState().frozen;
    if (live && !frozen) {
      const engine = live.engine;
      const deadline = this.host.wallNow() + REPLAY_BUDGET_MS;
      let replayed = 0;
      while (this.queueFrom < this.queue.length) {
        const command = this.queue[this.queueFrom++]!;
        replayCommand(engine, command);
        this.kept.push(command);
        replayed++;
        if ((replayed & 15) === 0 && this.host.wallNow() > deadline) break;
      }
      if (this.queueFrom === this.queue.length) {
        this.queue = [];
        this.queueFrom = 0;
      } else if (this.queueFrom > 4096) {
        this.queue = this.queue.slice(this.queueFrom);
        this.queueFrom = 0;
      }
      if (this.kept.length > MAX_KEPT) this.rebase();
      const next = this.queue[this.queueFrom];
      this.allowed = Math.max(engine.now(), next === undefined ? this.endpointNow : Math.min(next.t, this.endpointNow));
      this.store.getState().advanceTo(this.allowed);
      if (replayed > 0) this.view.setState({ replayed: this.view.getState().replayed + replayed });
    }
    const wall = this.host.wallNow();
    if (wall - this.lastViewAt >= 250) {
      this.lastViewAt = wall;
      this.view.setState({ lagMs: this.lagMs(), waiting: this.queue.length - this.queueFrom });
    }
  }

  /** Virtual ms between the endpoint's clock now (as last told, moved on by the wall) and the page's. */
  lagMs(): number {
    if (!this.live) return 0;
    const endpointClock = this.endpointNow + Math.max(0, this.host.wallNow() - this.toldAt);
    return Math.max(0, endpointClock - this.live.engine.now());
  }
}

const attachments = new WeakMap<SimulatorStore, Attachment>();

/** Attaches a store's page to an endpoint (once; the page detaches by loading without ?attach). */
export function attach(store: SimulatorStore, endpoint: string, host: AttachmentHost): Attachment {
  const existing = attachments.get(store);
  if (existing) return existing;
  const attachment = new Attachment(store, endpoint, host);
  attachments.set(store, attachment);
  attachment.start();
  return attachment;
}

/** The attachment of a store, when its page is attached. */
export function attachmentOf(store: SimulatorStore): Attachment | undefined {
  return attachments.get(store);
}
