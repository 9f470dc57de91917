/**
 * A function of a shape, computed once per shape object: shapes are built once per profile, and
 * what validation derives from them (member tables, compiled checks) is then reused on every call.
 */
export function perShape<S extends object, T>(make: (shape: S) => T): (shape: S) => T {
  const cache = new WeakMap<S, T>();
  return (shape) => {
    let value = cache.get(shape);
    if (value === undefined) {
      value = make(shape);
      cache.set(shape, value);
    }
    return value;
  };
}
