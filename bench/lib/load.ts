import { Worker } from 'node:worker_threads';

/** One kind of request the load generator sends; `body` is sent as is (already JSON). */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * A bounded run: `total` requests (cycling through `requests`; each is sent once when
 * total equals their number), `concurrency` keep-alive connections, and never longer
 * than `maxMs`, whatever the server does. Load only ever goes to 127.0.0.1.
 */
export interface LoadJob {
  host: '127.0.0.1';
  port: number;
  requests: LoadRequest[];
  total: number;
  concurrency: number;
  maxMs: number;
}

export interface LoadResult {
  completed: number;
  failed: number;
  statuses: Record<string, number>;
  firstFailure: string | null;
  elapsedMs: number;
  bytes: number;
}

type WorkerAnswer = { ok: true; result: LoadResult } | { ok: false; error: string };

// Worker threads do not inherit the parent's module hooks on Node 20, so the worker
// registers tsx itself before loading the TypeScript file.
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./load-worker.ts', import.meta.url).href)}); })`;

/** A load generator on its own thread; one job at a time. */
export class LoadGenerator {
  private readonly worker = new Worker(WORKER_BOOT, { eval: true });
  /** A worker that failed between runs (e.g. while loading) fails the next run instead of the process. */
  private failure: Error | null = null;
  private pending: ((err: Error) => void) | null = null;

  constructor() {
    this.worker.on('error', (err) => {
      this.failure = err;
      this.pending?.(err);
    });
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(new Error(`load generator: ${this.failure.message}`));
        return;
      }
      this.pending = reject;
      this.worker.once('message', (answer: WorkerAnswer) => {
        this.pending = null;
        if (answer.ok) resolve(answer.result);
        else reject(new Error(`load generator: ${answer.error}`));
      });
      this.worker.postMessage(job);
    });
  }

  /** Like run, but a failed request is an error: a benchmark must not time error answers. */
  async runClean(job: LoadJob, what: string): Promise<LoadResult> {
    const result = await this.run(job);
    if (result.failed > 0) {
      throw new Error(
        `${what}: ${result.failed} of ${result.failed + result.completed} requests failed; first: ${result.firstFailure}`,
      );
    }
    return result;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
