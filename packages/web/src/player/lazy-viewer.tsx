import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.js';
import { Alert, Button, Spinner } from '../ui/index.js';

/**
 * Code-splits a lesson viewer: each kind (and its library: pdf.js, fflate, marked) loads only when a
 * lesson of that kind opens. A failed load offers a retry inside the lesson, not a page-wide error.
 */
export function lazyViewer<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = (): Promise<void> => {
    pending ??= load().then(
      (module) => {
        loaded = module.default;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };

  return function LazyViewer(props: P) {
    const t = useT();
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded || failed) return;
      let live = true;
      preload().then(
        () => live && setReady(true),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [failed]);
    const Viewer = loaded;
    if (Viewer) return <Viewer {...props} />;
    if (failed) {
      return (
        <Alert tone="error" title={t('player.viewerFailed')}>
          <p>{t('common.pageLoadFailedHelp')}</p>
          <Button onClick={() => setFailed(false)}>{t('common.retry')}</Button>
        </Alert>
      );
    }
    return <Spinner block label={t('player.loadingLesson')} />;
  };
}
