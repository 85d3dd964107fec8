import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import type { ViewerProps } from '../viewer-types.js';
import { defaultCaptions, preferredRendition } from './captions.js';
import { SpeedControl } from './SpeedControl.js';
import { useMediaTracking } from './use-media-tracking.js';

/**
 * A video lesson on the browser's own player (keyboard and screen-reader ready), with WebVTT captions,
 * a speed control and, when the course has them, smaller renditions that spend less data.
 */
export default function VideoViewer({ lesson, course, blobUrl, report }: ViewerProps<'video'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const video = useRef<HTMLVideoElement>(null);
  const tracking = useMediaTracking(video, report, lesson.id);
  const qualityId = useId();
  const renditions = [...lesson.renditions].sort((a, b) => a.height - b.height);
  const [quality, setQuality] = useState(() => {
    const preferred = preferredRendition(renditions);
    return preferred ? String(preferred.height) : 'original';
  });
  const chosen = renditions.find((r) => String(r.height) === quality)?.file ?? lesson.file;
  const shownCaptions = defaultCaptions(lesson.captions, i18n.locale);

  const resumeAt = useRef<{ at: number; playing: boolean } | null>(null);
  const changeQuality = (next: string) => {
    const element = video.current;
    if (element) resumeAt.current = { at: element.currentTime, playing: !element.paused };
    tracking.keepPlayed();
    setQuality(next);
  };
  useEffect(() => {
    const element = video.current;
    const resume = resumeAt.current;
    if (!element || !resume) return;
    resumeAt.current = null;
    // A new <source> is only read by load(), which starts from zero: continue where the learner was.
    element.addEventListener(
      'loadedmetadata',
      () => {
        element.currentTime = resume.at;
        if (resume.playing) void element.play().catch(() => undefined);
      },
      { once: true },
    );
    element.load();
  }, [chosen.sha256]);

  return (
    <figure class="media-lesson media-lesson--video">
      <video
        ref={video}
        class="media-lesson__video"
        controls
        preload="metadata"
        playsInline
        poster={lesson.poster ? blobUrl(lesson.poster) : undefined}
        lang={course.language}
      >
        <source src={blobUrl(chosen)} type={chosen.mediaType} />
        {lesson.captions.map((captions) => (
          <track
            key={captions.lang}
            kind="subtitles"
            srcLang={captions.lang}
            label={captions.label}
            src={blobUrl(captions.file)}
            default={captions === shownCaptions}
          />
        ))}
        {t('player.noVideoSupport')}
      </video>
      <figcaption class="media-tools">
        <SpeedControl media={video} />
        {renditions.length > 0 && (
          <div class="media-tool">
            <label for={qualityId}>{t('player.quality')}</label>
            <select
              id={qualityId}
              class="media-tool__select"
              value={quality}
              onChange={(event) => changeQuality(event.currentTarget.value)}
            >
              {renditions.map((rendition) => (
                <option key={rendition.height} value={String(rendition.height)}>
                  {t('player.qualityLines', { lines: rendition.height })}
                </option>
              ))}
              <option value="original">{t('player.qualityOriginal')}</option>
            </select>
          </div>
        )}
      </figcaption>
    </figure>
  );
}
