import { useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import type { ViewerProps } from '../viewer-types.js';
import { defaultCaptions } from './captions.js';
import { CueList } from './CueList.js';
import { SpeedControl } from './SpeedControl.js';
import { useMediaTracking } from './use-media-tracking.js';

/** An audio lesson: the browser's player, a speed control and the captions as a transcript. */
export default function AudioViewer({ lesson, course, blobUrl, report }: ViewerProps<'audio'>) {
  const i18n = useI18n();
  const audio = useRef<HTMLAudioElement>(null);
  useMediaTracking(audio, report, lesson.id);
  const initial = defaultCaptions(lesson.captions, i18n.locale) ?? lesson.captions[0] ?? null;
  return (
    <div class="media-lesson media-lesson--audio">
      <audio ref={audio} class="media-lesson__audio" controls preload="metadata" lang={course.language}>
        <source src={blobUrl(lesson.file)} type={lesson.file.mediaType} />
        {lesson.captions.map((captions) => (
          <track
            key={captions.lang}
            kind="captions"
            srcLang={captions.lang}
            label={captions.label}
            src={blobUrl(captions.file)}
          />
        ))}
        {i18n.t('player.noAudioSupport')}
      </audio>
      <div class="media-tools">
        <SpeedControl media={audio} />
      </div>
      <CueList media={audio} captions={lesson.captions} initial={initial} contentLanguage={course.language} />
    </div>
  );
}
