import { useEffect, useId, useState, type MutableRef } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { PLAYBACK_RATES } from './captions.js';

/** A labelled select for the playback speed; it survives a change of source (another quality). */
export function SpeedControl({ media }: { readonly media: MutableRef<HTMLMediaElement | null> }) {
  const i18n = useI18n();
  const id = useId();
  const [rate, setRate] = useState(1);
  useEffect(() => {
    const element = media.current;
    if (!element) return;
    element.defaultPlaybackRate = rate;
    element.playbackRate = rate;
    // The player's own menu may change the speed too: keep this select truthful.
    const follow = () => setRate(element.playbackRate);
    element.addEventListener('ratechange', follow);
    return () => element.removeEventListener('ratechange', follow);
  }, [rate]);
  return (
    <div class="media-tool">
      <label for={id}>{i18n.t('player.speed')}</label>
      <select
        id={id}
        class="media-tool__select"
        value={String(rate)}
        onChange={(e) => setRate(Number(e.currentTarget.value))}
      >
        {PLAYBACK_RATES.map((value) => (
          <option key={value} value={String(value)}>
            {i18n.t('player.speedValue', { rate: value })}
          </option>
        ))}
        {!PLAYBACK_RATES.some((value) => value === rate) && (
          <option value={String(rate)}>{i18n.t('player.speedValue', { rate })}</option>
        )}
      </select>
    </div>
  );
}
