import { MOODS, type Mood, type PlanStep } from '@satchel/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../i18n/i18n.js';
import { lazy } from '../../router/lazy.js';
import type { StageFrame } from './channel.js';
import { MoodFace } from './MoodFace.js';
import { remainingMs } from './run-state.js';

const PdfSlide = lazy<{ readonly url: string; readonly page: number }>(() => import('./PdfSlide.js'));

const LETTERS = 'ABCDEFGH';

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Re-renders every quarter second while a timer runs, so the countdown moves. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(id);
  }, [active]);
  return now;
}

function Countdown({ frame }: { readonly frame: StageFrame }) {
  const t = useT();
  const timer = frame.timer;
  const now = useNow(timer?.runningSince !== null && timer !== null);
  if (!timer) return null;
  const left = remainingMs(timer, now);
  return (
    <p
      class={`stage__timer${left === 0 ? ' stage__timer--done' : ''}`}
      role="timer"
      aria-label={t('cinema.stage.timeLeft')}
    >
      {formatClock(left)}
      {timer.runningSince === null && left > 0 && (
        <span class="stage__paused">{t('cinema.stage.paused')}</span>
      )}
    </p>
  );
}

function Film({ frame, onEnded }: { readonly frame: StageFrame; readonly onEnded?: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const media = frame.media;
  useEffect(() => {
    const element = video.current ?? audio.current;
    if (!element) return;
    if (frame.playing) void element.play().catch(() => undefined);
    else element.pause();
  }, [frame.playing, media?.url]);
  if (!media) return null;
  if (media.kind === 'image') return <img class="stage__image" src={media.url} alt="" />;
  if (media.kind === 'pdf') {
    return <PdfSlide url={media.url} page={frame.page} />;
  }
  if (media.kind === 'audio') {
    return (
      <audio
        ref={audio}
        class="stage__audio"
        src={media.url}
        preload="auto"
        controls={false}
        onEnded={onEnded}
      />
    );
  }
  return (
    <video ref={video} class="stage__video" src={media.url} preload="auto" playsInline onEnded={onEnded} />
  );
}

function Options({
  step,
  frame,
}: {
  readonly step: Extract<PlanStep, { kind: 'groupQuiz' | 'poll' }>;
  readonly frame: StageFrame;
}) {
  const counts = frame.counts ?? [];
  const total = counts.reduce((sum, n) => sum + n, 0);
  const correct = step.kind === 'groupQuiz' ? step.correctOption : null;
  return (
    <ol class="stage__options">
      {step.options.map((option, index) => {
        const count = counts[index] ?? 0;
        const isRight = frame.revealed && correct === index;
        return (
          <li key={index} class={`stage__option${isRight ? ' stage__option--right' : ''}`}>
            <span class="stage__letter" aria-hidden="true">
              {LETTERS[index]}
            </span>
            <span class="stage__option-text">{option}</span>
            {frame.revealed && total > 0 && (
              <span class="stage__bar" style={{ inlineSize: `${Math.round((count / total) * 100)}%` }}>
                {count}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function Breathing({
  step,
  frame,
}: {
  readonly step: Extract<PlanStep, { kind: 'break' }>;
  readonly frame: StageFrame;
}) {
  const now = useNow(frame.timer?.runningSince !== null && frame.timer !== null);
  const total = step.seconds * 1000;
  const left = frame.timer ? remainingMs(frame.timer, now) : total;
  const share = total / step.instructions.length;
  const index = Math.min(step.instructions.length - 1, Math.floor((total - left) / share));
  return (
    <div class={`stage__break stage__break--${step.style}`}>
      <div
        class="stage__breath"
        aria-hidden="true"
        data-running={frame.timer?.runningSince !== null ? 'yes' : 'no'}
      />
      <p class="stage__instruction" aria-live="polite">
        {step.instructions[index]}
      </p>
    </div>
  );
}

function Moods({ label }: { readonly label: (mood: Mood) => string }) {
  return (
    <ul class="stage__moods">
      {MOODS.map((mood) => (
        <li key={mood}>
          <MoodFace mood={mood} />
          <span>{label(mood)}</span>
        </li>
      ))}
    </ul>
  );
}

function StepBody({
  frame,
  onMediaEnded,
}: {
  readonly frame: StageFrame;
  readonly onMediaEnded?: () => void;
}) {
  const t = useT();
  const step = frame.step;
  if (!step) return <p class="stage__title">{frame.planTitle}</p>;
  switch (step.kind) {
    case 'media':
      return <Film frame={frame} {...(onMediaEnded ? { onEnded: onMediaEnded } : {})} />;
    case 'discussion':
      return (
        <>
          <p class="stage__prompt">{step.prompt}</p>
          <Countdown frame={frame} />
        </>
      );
    case 'groupQuiz':
    case 'poll':
      return (
        <>
          <p class="stage__prompt">{step.question}</p>
          <Options step={step} frame={frame} />
        </>
      );
    case 'checkIn':
      return (
        <>
          <p class="stage__prompt">{step.prompt}</p>
          <Moods label={(mood) => t(`cinema.mood.${mood}`)} />
        </>
      );
    case 'break':
      return (
        <>
          <Breathing step={step} frame={frame} />
          <Countdown frame={frame} />
        </>
      );
    case 'reflection':
      return (
        <>
          <p class="stage__kind">
            {t(step.style === 'drawing' ? 'cinema.stage.draw' : 'cinema.stage.reflect')}
          </p>
          <p class="stage__prompt">{step.prompt}</p>
          <Countdown frame={frame} />
        </>
      );
  }
}

/**
 * What the room sees: one step at a time, large and high-contrast, readable from the back, in
 * the plan's language and direction. Nothing personal and no controls are ever drawn here.
 */
export function Stage({
  frame,
  onMediaEnded,
}: {
  readonly frame: StageFrame;
  readonly onMediaEnded?: () => void;
}) {
  return (
    <div class="stage" lang={frame.language} dir="auto" data-kind={frame.step?.kind ?? 'title'}>
      {frame.blank ? (
        <div class="stage__blank" />
      ) : (
        <div class="stage__content">
          <StepBody frame={frame} {...(onMediaEnded ? { onMediaEnded } : {})} />
        </div>
      )}
      {frame.nextMedia?.kind === 'video' && (
        // Loaded ahead so the next film starts at once; muted and hidden, it never plays here.
        <video
          class="stage__preload"
          src={frame.nextMedia.url}
          preload="auto"
          muted
          aria-hidden="true"
          tabIndex={-1}
        />
      )}
    </div>
  );
}
