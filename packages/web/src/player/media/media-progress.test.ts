import { describe, expect, it } from 'vitest';
import { MediaProgressTracker, watchedFraction } from './media-progress.js';

describe('how much of a video was watched', () => {
  it('counts each second once, however often it was replayed', () => {
    expect(
      watchedFraction(
        [
          [0, 30],
          [10, 40],
          [35, 50],
        ],
        100,
      ),
    ).toBeCloseTo(0.5);
    expect(
      watchedFraction(
        [
          [60, 70],
          [0, 10],
        ],
        100,
      ),
    ).toBeCloseTo(0.2);
  });

  it('does not count skipping to the end as watching', () => {
    expect(
      watchedFraction(
        [
          [0, 5],
          [95, 100],
        ],
        100,
      ),
    ).toBeCloseTo(0.1);
  });

  it('treats a last half second unplayed as the whole, and unknown durations as nothing', () => {
    expect(watchedFraction([[0, 99.7]], 100)).toBe(1);
    expect(watchedFraction([[0, 10]], Number.NaN)).toBe(0);
    expect(watchedFraction([[0, 10]], Number.POSITIVE_INFINITY)).toBe(0);
    expect(watchedFraction([[0, 500]], 100)).toBe(1);
  });
});

describe('when a playing video reports progress', () => {
  it('reports at most every ten seconds while playing, and only when more was watched', () => {
    const tracker = new MediaProgressTracker(10_000);
    const reports = [0, 2_000, 9_000, 10_000, 12_000, 19_999, 20_000, 31_000].flatMap((now) =>
      tracker.playing(now / 100_000, now).map((report) => ({ ...report, now })),
    );
    expect(reports).toEqual([
      { verb: 'progressed', fraction: 0.1, now: 10_000 },
      { verb: 'progressed', fraction: 0.2, now: 20_000 },
      { verb: 'progressed', fraction: 0.31, now: 31_000 },
    ]);
  });

  it('reports on pause unless nothing new was watched since the last report', () => {
    const tracker = new MediaProgressTracker(10_000);
    expect(tracker.stopped(0.05, 1_000)).toEqual([{ verb: 'progressed', fraction: 0.05 }]);
    expect(tracker.stopped(0.05, 2_000)).toEqual([]);
    expect(tracker.playing(0.06, 3_000)).toEqual([]);
    expect(tracker.stopped(0.07, 4_000)).toEqual([{ verb: 'progressed', fraction: 0.07 }]);
  });

  it('completes once at the end, and only after most of it was watched', () => {
    const skipper = new MediaProgressTracker();
    expect(skipper.ended(0.2, 5_000)).toEqual([{ verb: 'progressed', fraction: 0.2 }]);

    const watcher = new MediaProgressTracker();
    expect(watcher.ended(0.95, 60_000)).toEqual([
      { verb: 'progressed', fraction: 0.95 },
      { verb: 'completed', fraction: 0.95 },
    ]);
    expect(watcher.ended(1, 120_000)).toEqual([{ verb: 'progressed', fraction: 1 }]);
  });
});
