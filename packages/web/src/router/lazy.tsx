import { Component, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.js';
import { Alert, Spinner } from '../ui/feedback.js';
import { PageHeading } from '../ui/layout-parts.js';

export type LazyComponent<P> = ComponentType<P> & {
  /** Starts loading the code now (e.g. when a link is hovered) and resolves when it is ready. */
  preload(): Promise<void>;
};

function PageFailure({
  title,
  help,
  onRetry,
  action,
}: {
  title: string;
  help: string;
  onRetry: () => void;
  action: string;
}) {
  return (
    <div class="page-failure">
      <PageHeading>{title}</PageHeading>
      <Alert tone="error">{help}</Alert>
      <button type="button" class="button button--primary" onClick={onRetry}>
        {action}
      </button>
    </div>
  );
}

function LoadFailure({ attempts, onRetry }: { attempts: number; onRetry: () => void }) {
  const t = useT();
  // Browsers may remember a failed module fetch (or a deploy removed the chunk): after one in-page
  // retry, the button reloads the whole page instead.
  const reload = attempts > 1;
  return (
    <PageFailure
      title={t('common.pageLoadFailed')}
      help={t('common.pageLoadFailedHelp')}
      action={reload ? t('common.reloadPage') : t('common.retry')}
      onRetry={reload ? () => window.location.reload() : onRetry}
    />
  );
}

/** Code-splits a page: its module loads on first render, with a spinner, and a retry when it fails. */
export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyComponent<P> {
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

  function Lazy(props: P) {
    const [, setReady] = useState(false);
    const [failures, setFailures] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded || failed) return;
      let live = true;
      preload().then(
        () => live && setReady(true),
        () => {
          if (!live) return;
          setFailed(true);
          setFailures((count) => count + 1);
        },
      );
      return () => {
        live = false;
      };
    }, [failed]);
    const Page = loaded;
    if (Page) return <Page {...props} />;
    if (failed) return <LoadFailure attempts={failures} onRetry={() => setFailed(false)} />;
    return <Spinner block />;
  }
  return Object.assign(Lazy, { preload });
}

function CrashNotice({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <PageFailure
      title={t('common.pageCrashed')}
      help={t('common.pageCrashedHelp')}
      action={t('common.retry')}
      onRetry={onRetry}
    />
  );
}

interface BoundaryState {
  readonly error: unknown;
}

/** Keeps one broken page from blanking the whole app; "Try again" renders the page afresh. */
export class ErrorBoundary extends Component<{ children?: ComponentChildren }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static override getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error ?? new Error('Unknown error') };
  }

  override componentDidCatch(error: unknown): void {
    console.error('A page failed to render', error);
  }

  override render() {
    if (this.state.error !== null) return <CrashNotice onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
