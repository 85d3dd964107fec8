import type { Captions } from '@satchel/core';
import { useEffect, useId, useRef, useState, type MutableRef } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { clockTime, cuePlainText } from './captions.js';

interface Cue {
  readonly start: number;
  readonly text: string;
}

export interface CueListProps {
  readonly media: MutableRef<HTMLMediaElement | null>;
  readonly captions: readonly Captions[];
  readonly initial: Captions | null;
  /** The language of the recording, for the caption choice labels. */
  readonly contentLanguage: string;
}

/**
 * Audio captions as a transcript: every cue listed, the one being heard marked, and each one a button
 * that plays from there. The audio element holds one hidden <track> per language; this list reads
 * the chosen one (an audio element has no picture to draw captions on).
 */
export function CueList({ media, captions, initial, contentLanguage }: CueListProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const selectId = useId();
  const [lang, setLang] = useState(initial?.lang ?? captions[0]?.lang ?? '');
  const [cues, setCues] = useState<readonly Cue[]>([]);
  const [active, setActive] = useState(-1);
  const list = useRef<HTMLOListElement>(null);
  const chosen = captions.find((c) => c.lang === lang) ?? null;

  useEffect(() => {
    const element = media.current;
    if (!element || !chosen) return;
    setCues([]);
    setActive(-1);
    const trackElement = element.querySelector<HTMLTrackElement>(
      `track[srclang="${CSS.escape(chosen.lang)}"]`,
    );
    const track = trackElement?.track;
    if (!trackElement || !track) return;
    for (const other of Array.from(element.textTracks)) if (other !== track) other.mode = 'disabled';
    track.mode = 'hidden';
    const read = () => {
      const found = Array.from(track.cues ?? []).map((cue) => ({
        start: cue.startTime,
        text: cuePlainText(cue instanceof VTTCue ? cue.text : ''),
      }));
      setCues(found);
    };
    const follow = () => {
      const current = track.activeCues?.[0];
      const all = Array.from(track.cues ?? []);
      setActive(current ? all.indexOf(current) : -1);
    };
    if (trackElement.readyState === 2) read();
    trackElement.addEventListener('load', read);
    track.addEventListener('cuechange', follow);
    return () => {
      trackElement.removeEventListener('load', read);
      track.removeEventListener('cuechange', follow);
    };
  }, [chosen?.lang]);

  useEffect(() => {
    // Keep the cue being heard in view inside the list, without scrolling the page.
    const box = list.current;
    const item = box?.children[active] as HTMLElement | undefined;
    if (!box || !item) return;
    if (
      item.offsetTop < box.scrollTop ||
      item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight
    ) {
      box.scrollTop = item.offsetTop - box.clientHeight / 3;
    }
  }, [active]);

  if (captions.length === 0) return null;
  return (
    <section class="transcript" aria-labelledby={`${selectId}-heading`}>
      <div class="transcript__head">
        <h2 class="transcript__title" id={`${selectId}-heading`}>
          {t('player.transcript')}
        </h2>
        {captions.length > 1 && (
          <div class="media-tool">
            <label for={selectId}>{t('player.captionsLanguage')}</label>
            <select
              id={selectId}
              class="media-tool__select"
              value={lang}
              onChange={(e) => setLang(e.currentTarget.value)}
            >
              {captions.map((c) => (
                <option key={c.lang} value={c.lang} lang={c.lang}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {cues.length === 0 && <p class="transcript__empty">{t('player.transcriptLoading')}</p>}
      <ol ref={list} class="transcript__cues" lang={chosen?.lang ?? contentLanguage} dir="auto">
        {cues.map((cue, index) => (
          <li key={index}>
            <button
              type="button"
              class="transcript__cue"
              aria-current={index === active ? 'true' : undefined}
              onClick={() => {
                const element = media.current;
                if (!element) return;
                element.currentTime = cue.start;
                void element.play().catch(() => undefined);
              }}
            >
              <span class="transcript__time">{clockTime(cue.start, i18n.locale)}</span>
              <span class="transcript__text">{cue.text}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
