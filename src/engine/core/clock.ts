/**
 * The engine's own clock: a time value and a queue of scheduled events, kept as plain data so a
 * snapshot copies it. Events fire in (time, order of scheduling) order, so equal times never
 * depend on anything but the command sequence.
 */
export interface Scheduled<E> {
  readonly at: number;
  readonly order: number;
  readonly event: E;
}

export interface Clock<E> {
  now: number;
  nextOrder: number;
  /** A binary min-heap on (at, order). */
  queue: Scheduled<E>[];
}

export const createClock = <E>(startTime: number): Clock<E> => ({ now: startTime, nextOrder: 0, queue: [] });

const before = <E>(a: Scheduled<E>, b: Scheduled<E>) => a.at < b.at || (a.at === b.at && a.order < b.order);

export function schedule<E>(clock: Clock<E>, at: number, event: E): void {
  const queue = clock.queue;
  queue.push({ at, order: clock.nextOrder++, event });
  let i = queue.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(queue[i]!, queue[parent]!)) break;
    [queue[i], queue[parent]] = [queue[parent]!, queue[i]!];
    i = parent;
  }
}

export const peek = <E>(clock: Clock<E>): Scheduled<E> | undefined => clock.queue[0];

export function pop<E>(clock: Clock<E>): Scheduled<E> | undefined {
  const queue = clock.queue;
  const top = queue[0];
  const last = queue.pop();
  if (top === undefined || last === undefined || queue.length === 0) return top;
  queue[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < queue.length && before(queue[left]!, queue[smallest]!)) smallest = left;
    if (right < queue.length && before(queue[right]!, queue[smallest]!)) smallest = right;
    if (smallest === i) return top;
    [queue[i], queue[smallest]] = [queue[smallest]!, queue[i]!];
    i = smallest;
  }
}
