/** The share of a media file that counts it complete on the server (core's MEDIA_COMPLETION_THRESHOLD). */
export const MEDIA_COMPLETE_AT = 0.9;

/** How often, at most, a playing video reports how much has been watched. */
export const PROGRESS_INTERVAL_MS = 10_000;

export type TimeRange = readonly [start: number, end: number];

/** The ranges of a TimeRanges object (media.played), as plain pairs. */
export function rangesOf(ranges: TimeRanges): TimeRange[] {
  const pairs: TimeRange[] = [];
  for (let index = 0; index < ranges.length; index += 1) pairs.push([ranges.start(index), ranges.end(index)]);
  return pairs;
}

/**
 * How much of the media has actually been played, 0..1: the union of the played ranges over the
 * duration. Skipping to the end does not count as watching it. Unknown or endless durations give 0.
 */
export function watchedFraction(played: readonly TimeRange[], duration: number): number {
  if (!Number.isFinite(duration) || duration <= 0) return 0;
  const sorted = played
    .map(([start, end]): TimeRange => [Math.max(0, start), Math.min(duration, end)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = 0;
  for (const [start, end] of sorted) {
    const from = Math.max(start, coveredUntil);
    if (end > from) total += end - from;
    coveredUntil = Math.max(coveredUntil, end);
  }
  // Players stop a few milliseconds short of the end; a last half second unplayed is still "all of it".
  if (duration - total < 0.5) return 1;
  return Math.min(1, total / duration);
}

export type MediaReport =
  | { readonly verb: 'progressed'; readonly fraction: number }
  | { readonly verb: 'completed'; readonly fraction: number };

/**
 * Decides when a media lesson reports progress: while playing at most every `intervalMs`, whenever it
 * pauses or the page goes away, and only when the watched share grew since the last report. When the
 * media ends after most of it was watched, it reports completion, once. Pure: the caller passes the
 * clock and the watched share.
 */
export class MediaProgressTracker {
  private lastReportAt: number | null = null;
  private lastFraction = 0;
  private completed = false;

  constructor(
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly completeAt = MEDIA_COMPLETE_AT,
  ) {}

  /** While playing (timeupdate fires several times a second). */
  playing(fraction: number, now: number): MediaReport[] {
    if (this.lastReportAt !== null && now - this.lastReportAt < this.intervalMs) return [];
    if (this.lastReportAt === null) {
      // The first report waits a full interval too: opening a video is not watching it.
      this.lastReportAt = now;
      return [];
    }
    return this.progressed(fraction, now);
  }

  /** Paused, seeking away, hidden or closed: say how far the learner got. */
  stopped(fraction: number, now: number): MediaReport[] {
    return this.progressed(fraction, now);
  }

  /** The media played to its end. */
  ended(fraction: number, now: number): MediaReport[] {
    const reports = this.progressed(fraction, now);
    if (!this.completed && fraction >= this.completeAt) {
      this.completed = true;
      reports.push({ verb: 'completed', fraction });
    }
    return reports;
  }

  private progressed(fraction: number, now: number): MediaReport[] {
    this.lastReportAt = now;
    if (!(fraction > this.lastFraction)) return [];
    this.lastFraction = fraction;
    return [{ verb: 'progressed', fraction }];
  }
}
