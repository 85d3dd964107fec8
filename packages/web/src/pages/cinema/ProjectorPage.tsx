import { useEffect, useRef, useState } from 'preact/hooks';
import { useTenant } from '../../app/context.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { openChannel, type ConsoleMessage, type StageFrame } from './channel.js';
import { Stage } from './Stage.js';
import './cinema.css';

/**
 * The window for the projector: it covers the whole screen, shows only the current step, and
 * follows the console over a BroadcastChannel. Keys pressed here go back to the console, so a
 * clicker works whichever window has focus. Click once to fill the screen.
 */
export default function ProjectorPage(_props: PageProps) {
  const { t } = useI18n();
  const tenant = useTenant();
  const [frame, setFrame] = useState<StageFrame | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opened = openChannel(tenant.slug);
    channel.current = opened;
    if (!opened) return;
    opened.onmessage = (event: MessageEvent<ConsoleMessage>) => {
      if (event.data.type === 'frame') setFrame(event.data.frame);
      else setFrame(null);
    };
    opened.postMessage({ type: 'hello' });
    return () => opened.close();
  }, [tenant.slug]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') return;
      if (event.key === 'f' || event.key === 'F') {
        void root.current?.requestFullscreen?.().catch(() => undefined);
        return;
      }
      event.preventDefault();
      channel.current?.postMessage({ type: 'key', key: event.key });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div
      ref={root}
      class="cinema-projector"
      onClick={() => void root.current?.requestFullscreen?.().catch(() => undefined)}
    >
      {frame ? (
        <Stage frame={frame} onMediaEnded={() => channel.current?.postMessage({ type: 'mediaEnded' })} />
      ) : (
        <p class="cinema-projector__waiting">{t('cinema.projector.waiting')}</p>
      )}
    </div>
  );
}
