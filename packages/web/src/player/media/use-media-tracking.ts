import { useEffect, useRef, type MutableRef } from 'preact/hooks';
import type { ViewerReport } from '../viewer-types.js';
import { MediaProgressTracker, rangesOf, watchedFraction, type TimeRange } from './media-progress.js';

export interface MediaTracking {
  /** Call before changing the media's source (another quality): what was played so far is kept. */
  readonly keepPlayed: () => void;
}

/**
 * Reports how much of a video or audio the learner has played: at most every ten seconds while it
 * plays, and whenever it pauses, ends, the tab is hidden or the lesson is left.
 */
export function useMediaTracking(
  media: MutableRef<HTMLMediaElement | null>,
  report: ViewerReport,
  lessonId: string,
): MediaTracking {
  const earlier = useRef<TimeRange[]>([]);
  useEffect(() => {
    const element = media.current;
    if (!element) return;
    earlier.current = [];
    const tracker = new MediaProgressTracker();
    const fraction = () =>
      watchedFraction([...earlier.current, ...rangesOf(element.played)], element.duration);
    const send = (reports: ReturnType<MediaProgressTracker['stopped']>) => {
      for (const item of reports) report(item.verb, item.fraction);
    };
    const onTime = () => {
      if (!element.paused) send(tracker.playing(fraction(), Date.now()));
    };
    const onPause = () => send(tracker.stopped(fraction(), Date.now()));
    const onEnded = () => send(tracker.ended(fraction(), Date.now()));
    const onHidden = () => {
      if (document.visibilityState === 'hidden') onPause();
    };
    element.addEventListener('timeupdate', onTime);
    element.addEventListener('pause', onPause);
    element.addEventListener('ended', onEnded);
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPause);
    return () => {
      onPause();
      element.removeEventListener('timeupdate', onTime);
      element.removeEventListener('pause', onPause);
      element.removeEventListener('ended', onEnded);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPause);
    };
  }, [lessonId]);
  return {
    keepPlayed: () => {
      const element = media.current;
      if (element) earlier.current = [...earlier.current, ...rangesOf(element.played)];
    },
  };
}
