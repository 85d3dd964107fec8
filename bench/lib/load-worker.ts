// The load generator's thread. It runs beside the server under test so that the
// client's own work (serialising, parsing responses) never runs on the server's
// event loop, which would make every server look slower by the same amount.
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load.js';

interface Outcome {
  status: number;
  body: string;
}

function send(agent: Agent, job: LoadJob, index: number, body: Buffer | null): Promise<Outcome> {
  const spec = job.requests[index % job.requests.length]!;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: job.host,
        port: job.port,
        method: spec.method,
        path: spec.path,
        headers: body === null ? spec.headers : { ...spec.headers, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const bodies = job.requests.map((r) => (r.body === undefined ? null : Buffer.from(r.body)));
  const deadline = performance.now() + job.maxMs;
  const statuses: Record<string, number> = {};
  let next = 0;
  let completed = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  let bytes = 0;
  const loop = async (): Promise<void> => {
    while (next < job.total && performance.now() < deadline) {
      const index = next++;
      try {
        const outcome = await send(agent, job, index, bodies[index % bodies.length]!);
        statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
        bytes += outcome.body.length;
        if (outcome.status >= 200 && outcome.status < 300) completed++;
        else {
          failed++;
          firstFailure ??= `${outcome.status} ${outcome.body.slice(0, 400)}`;
        }
      } catch (err) {
        failed++;
        firstFailure ??= String(err);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { completed, failed, statuses, firstFailure, elapsedMs, bytes };
}

parentPort?.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) => parentPort?.postMessage({ ok: false, error: String(err) }),
  );
});
