/** Guided mode: the caption, progress, and Back / Next (PageUp / PageDown, as a clicker sends). */
import { useEffect } from 'react';
import { progressOf } from '../../app/simulation';
import { useSimulatorApi } from '../../store/react';
import { useSimulation, useSimulationUi } from '../useSimulation';

export function Captions() {
  const sim = useSimulation();
  useSimulationUi((s) => s.revision);
  const guide = sim.guide();
  const api = useSimulatorApi();

  // A caption that names a shard or a key selects it, so every view highlights what the caption says.
  const captionStep = guide?.state.caption?.step;
  const step = captionStep === undefined ? undefined : guide?.scenario.steps[captionStep];
  const shard = step?.do === 'caption' ? step.shard : undefined;
  const key = step?.do === 'caption' ? step.key : undefined;
  const iteratorShard = step?.do === 'caption' ? step.iterator : undefined;
  const stream = guide?.scenario.stream;
  useEffect(() => {
    if (!(shard || key || iteratorShard) || !stream) return;
    // The newest iterator a GetShardIterator made on that shard (not one a GetRecords handed on).
    const iterator = iteratorShard
      ? api
          .getState()
          .engine.iterators()
          .filter((it) => it.streamName === stream && it.shardId === iteratorShard && it.type !== 'NEXT')
          .reduce<number | undefined>(
            (newest, it) => (newest === undefined || it.id > newest ? it.id : newest),
            undefined,
          )
      : undefined;
    const shardId = shard ?? iteratorShard;
    api.getState().select({
      stream,
      ...(shardId ? { shardId } : {}),
      ...(iterator !== undefined ? { iteratorId: iterator } : {}),
      ...(key ? { partitionKey: key } : {}),
    });
  }, [api, captionStep, shard, key, iteratorShard, stream]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!sim.guide() || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable="true"]'))
        return;
      if (e.key === 'PageDown') {
        e.preventDefault();
        sim.next();
      } else if (e.key === 'PageUp') {
        e.preventDefault();
        sim.back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sim]);

  if (!guide) return null;
  const p = progressOf(guide);
  const caption = guide.state.caption;
  const nextStep = guide.scenario.steps[guide.state.next];
  const nextLabel = p.finished
    ? 'Finished'
    : p.waiting
      ? p.stop === 0
        ? 'Start'
        : `Next: ${nextStep?.do === 'caption' && nextStep.title ? nextStep.title : (guide.scenario.steps[guide.state.next - 1]?.do === 'pause' && (guide.scenario.steps[guide.state.next - 1] as { label?: string }).label) || 'continue'}`
      : 'Skip to the next stop';
  return (
    <section className="ws-captions" aria-label="Lesson" data-testid="captions">
      <div className="ws-caption-head">
        <strong className="ws-lesson">{guide.scenario.title}</strong>
        <span className="ws-progress" data-testid="progress">
          Stop {p.stop + 1} of {p.stops} · step {p.step} of {p.steps}
          {p.finished ? ' · finished' : p.waiting ? ' · waiting' : ' · playing'}
        </span>
        <progress max={p.steps} value={p.step} aria-label="Lesson progress" />
      </div>
      <div className="ws-caption" aria-live="polite" data-testid="caption" data-step={captionStep}>
        {caption?.title ? <h2>{caption.title}</h2> : null}
        <p>{caption?.text ?? guide.scenario.summary}</p>
      </div>
      {guide.state.surprises.length > 0 ? (
        <p className="ws-surprise" role="status">
          Not as the lesson expected (your own calls may explain it): {guide.state.surprises.at(-1)}
        </p>
      ) : null}
      <div className="ws-caption-buttons">
        <button
          type="button"
          onClick={() => sim.back()}
          disabled={p.stop === 0 && p.waiting}
          aria-keyshortcuts="PageUp"
        >
          ◀ Back
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => sim.next()}
          disabled={p.finished}
          aria-keyshortcuts="PageDown"
        >
          {nextLabel} ▶
        </button>
        <button type="button" onClick={() => sim.exitScenario()}>
          Leave the lesson
        </button>
      </div>
    </section>
  );
}
