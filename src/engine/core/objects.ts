/**
 * Sets an own, enumerable property, even one named "__proto__": plain assignment would set the
 * object's prototype instead and the value would be lost. Keys that users choose (tag keys, map
 * keys in saved sessions, lessons and wire bodies) go through here.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
