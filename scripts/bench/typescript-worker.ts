// A worker thread whose module is TypeScript. On Node 20 a worker does not
// get the loader hooks tsx registered in the thread that started it (its
// `--import` runs, but the worker's own entry is resolved without them:
// ERR_UNKNOWN_FILE_EXTENSION), so the worker starts from a one-line
// bootstrap that registers tsx in its own thread, then imports the file.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function typescriptWorker(file: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
