// Live traffic over the engine: producers and KCL-like consumers on the virtual clock.
export * from './producer';
export * from './consumer';
export * from './traffic';
export * from './plan';
