// Live traffic over the engine: KPL-like producers and KCL-like consumers on the virtual clock.
export * from './producer';
export * from './consumer';
export * from './traffic';
export { consumerConfigOf, producerConfigOf, trafficFromLegacyPlan } from './legacy';
