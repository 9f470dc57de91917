/**
 * The height a lesson embed keeps while its lesson plays. A host page sizes the iframe to the
 * height the embed reports; a lesson that adds shards, a failure strip or a longer caption would
 * make the page below it jump. So before the lesson shows, a stand-in (its own store and
 * simulation, drawn out of sight at the embed's width) plays the lesson through, and is measured
 * at every step and at even intervals between them, up to a minute after the last step. The
 * tallest it stood is the height the embed reserves.
 *
 * Drawing happens synchronously (flushSync into the stand-in's own React root), so the whole
 * rehearsal runs in one task: nothing of it is ever painted. It must not run inside a React
 * effect, where flushSync cannot render; the embed calls it from a microtask, a timer or a message.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { simulationFor } from '../../app/simulation';
import type { Scenario } from '../../scenarios/format';
import { createSimulatorStore } from '../../store';
import { SimulatorProvider } from '../../store/react';
import { viewsApi } from '../../views/viewsApi';
import { ConsoleContext, createConsoleStore } from '../console/consoleState';
import { EmbedFrame } from './EmbedFrame';
import type { EmbedOptions } from './protocol';

/** How far past its last step a lesson is rehearsed (traffic goes on after the last caption). */
export const REHEARSED_AFTER_LAST_STEP_MS = 60_000;
/** Measurements spread evenly over the lesson, besides one at each step's instant. */
const EVEN_MEASUREMENTS = 24;

/** The lesson times (ms after its start, ascending) at which the stand-in is measured. */
export function rehearsalTimes(scenario: Scenario): number[] {
  const last = scenario.steps.at(-1)?.at ?? 0;
  const times = new Set(scenario.steps.map((step) => step.at));
  for (let i = 0; i <= EVEN_MEASUREMENTS; i++) times.add(Math.round((last * i) / EVEN_MEASUREMENTS));
  times.add(last + REHEARSED_AFTER_LAST_STEP_MS);
  return [...times].sort((a, b) => a - b);
}

/** The tallest the embed's root stands, in CSS px, at `width` px wide, while `scenario` plays. */
export function rehearsedHeight(scenario: Scenario, options: EmbedOptions, width: number): number {
  const store = createSimulatorStore();
  const sim = simulationFor(store);
  sim.setAutoPass(true);
  sim.startScenario(scenario);
  const box = document.createElement('div');
  box.style.cssText = `position:absolute;left:0;top:0;width:${width}px;visibility:hidden;pointer-events:none`;
  box.setAttribute('aria-hidden', 'true');
  box.inert = true;
  document.body.append(box);
  const root = createRoot(box);
  const consoleApi = createConsoleStore();
  // The stand-in's views register themselves for tests as the visible ones do; those stay.
  const exposed = viewsApi();
  const visible = { ...exposed };
  let tallest = 0;
  try {
    for (const t of rehearsalTimes(scenario)) {
      sim.seek(scenario.startTime + t);
      // Each render draws every view from the state now, as a frame tick does.
      flushSync(() =>
        root.render(
          <SimulatorProvider store={store}>
            <ConsoleContext.Provider value={consoleApi}>
              <div className="ws-embed" data-embed={options.view}>
                <EmbedFrame options={options} />
              </div>
            </ConsoleContext.Provider>
          </SimulatorProvider>,
        ),
      );
      tallest = Math.max(tallest, Math.ceil(box.getBoundingClientRect().height));
    }
  } finally {
    root.unmount();
    box.remove();
    for (const key of Object.keys(exposed)) delete exposed[key as keyof typeof exposed];
    Object.assign(exposed, visible);
  }
  return tallest;
}
