import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { ProjectionQueue } from './projection-queue.js';
import type { UserCourse } from './progress.repo.js';

function recorder() {
  const rounds: { tenantId: string; pairs: string[] }[] = [];
  const project = async (tenantId: string, pairs: readonly UserCourse[]): Promise<void> => {
    await Promise.resolve();
    rounds.push({ tenantId, pairs: pairs.map((p) => `${p.userId}/${p.courseId}`).sort() });
  };
  return { rounds, project };
}

describe('the projection queue', () => {
  it('recomputes each pair once however many writes touched it before the round', async () => {
    const { rounds, project } = recorder();
    const queue = new ProjectionQueue(project, () => undefined);
    for (let i = 0; i < 10; i++)
      queue.enqueue('t1', [
        { userId: 'u1', courseId: 'c1' },
        { userId: `u${i % 2}`, courseId: 'c1' },
      ]);
    queue.enqueue('t2', [{ userId: 'u9', courseId: 'c9' }]);
    await queue.flushed();
    expect(rounds).toEqual([
      { tenantId: 't1', pairs: ['u0/c1', 'u1/c1'] },
      { tenantId: 't2', pairs: ['u9/c9'] },
    ]);
  });

  it('lets a reader wait for exactly the writes made before it asked, without the gathering delay', async () => {
    const { rounds, project } = recorder();
    const queue = new ProjectionQueue(project, () => undefined);
    await queue.flushed();
    // With the clock stopped, the gathering delay never ends: only a reader who skips it gets an answer.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    queue.enqueue('t', [{ userId: 'a', courseId: 'c' }]);
    const answer = await Promise.race([
      queue.flushed().then(() => 'flushed'),
      new Promise<string>((resolve) => setImmediate(() => resolve('still waiting'))),
    ]);
    expect(answer).toBe('flushed');
    expect(rounds).toHaveLength(1);
    queue.enqueue('t', [{ userId: 'b', courseId: 'c' }]);
    await queue.flushed();
    expect(rounds.map((r) => r.pairs)).toEqual([['a/c'], ['b/c']]);
  });

  it('runs a round on its own after the gathering delay', async () => {
    const { rounds, project } = recorder();
    const queue = new ProjectionQueue(project, () => undefined);
    queue.enqueue('t', [{ userId: 'a', courseId: 'c' }]);
    expect(rounds).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rounds).toHaveLength(1);
  });

  it('reports a failed round and keeps going', async () => {
    const errors: string[] = [];
    let calls = 0;
    const queue = new ProjectionQueue(
      async (tenantId) => {
        calls += 1;
        await Promise.resolve();
        if (tenantId === 'bad') throw new Error('corrupt manifest');
      },
      (err, tenantId) => errors.push(`${tenantId}: ${(err as Error).message}`),
    );
    queue.enqueue('bad', [{ userId: 'a', courseId: 'c' }]);
    queue.enqueue('good', [{ userId: 'a', courseId: 'c' }]);
    await queue.flushed();
    expect(errors).toEqual(['bad: corrupt manifest']);
    expect(calls).toBe(2);
  });
});
