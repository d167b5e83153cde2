/**
 * How our worker threads are started: the built server starts its bundle (dist/server/<name>.js)
 * directly; development and tests start the TypeScript source through worker-dev.mjs (tsx), which
 * imports `workerData.entry`. Pass `entry` in the worker's workerData either way.
 */
declare const LAGESBILD_BUILT: boolean | undefined;

export function workerScript(name: 'report-worker' | 'import-worker'): { file: URL; entry: string } {
  const built = typeof LAGESBILD_BUILT !== 'undefined' && LAGESBILD_BUILT;
  const entry = new URL(built ? `./${name}.js` : `./${name}.ts`, import.meta.url);
  return { file: built ? entry : new URL('./worker-dev.mjs', import.meta.url), entry: entry.href };
}
