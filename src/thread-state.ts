/**
 * A value that is one for the whole thread, however many copies of the module asking for it the
 * thread runs. In the installed bundle the build's thread runs ES chunks and its CommonJS file
 * (`chunks/build-worker.cjs`, scripts/bundle.mjs), each with its own copy of a module; what must be
 * one per thread (the code caches to write, the render worker started early, the workers ended, the
 * fonts' decoded directories) is kept on `globalThis` under a registered symbol, `Symbol.for(key)`.
 * `make` runs for the first copy only; every copy gets the same value.
 */
export function threadState<T>(key: string, make: () => T): T {
  const symbol = Symbol.for(key);
  const holder = globalThis as Record<symbol, unknown>;
  if (!(symbol in holder)) holder[symbol] = make();
  return holder[symbol] as T;
}
