import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.js';
import { announce, claimHeadingFocus, setDocumentTitle } from '../router/focus.js';
import { cx } from './cx.js';

export interface CardProps {
  readonly as?: 'div' | 'article' | 'section' | 'li';
  readonly class?: string;
  readonly children?: ComponentChildren;
}

export function Card({ as: Tag = 'div', class: className, children }: CardProps) {
  return <Tag class={cx('card', className)}>{children}</Tag>;
}

export interface TableProps {
  /** Names the table for everyone; `captionHidden` keeps it for screen readers only. */
  readonly caption: string;
  readonly captionHidden?: boolean;
  readonly children?: ComponentChildren;
}

/** A table that scrolls sideways on narrow screens; the scroll box is focusable for keyboard users. */
export function Table({ caption, captionHidden = false, children }: TableProps) {
  const id = useId();
  return (
    <div class="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table class="table">
        <caption id={id} class={captionHidden ? 'sr-only' : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export const MAIN_ID = 'main';

/** The first focusable thing on every page: jumps past the header to the main content. */
export function SkipLink() {
  const t = useT();
  return (
    <a
      class="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        // Focusing directly avoids a fragment change, which the router would see as history movement.
        event.preventDefault();
        const main = document.getElementById(MAIN_ID);
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {t('common.skipToContent')}
    </a>
  );
}

export interface PageHeadingProps {
  readonly children?: ComponentChildren;
  readonly class?: string;
}

/**
 * The page's one <h1>. It names the document (title bar, history), and after a navigation it takes
 * keyboard focus and is announced, so screen-reader users know the page changed and where they are.
 */
export function PageHeading({ children, class: className }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    if (!heading) return;
    const text = heading.textContent ?? '';
    setDocumentTitle(text);
    if (claimHeadingFocus()) {
      heading.focus();
      announce(text);
    }
  });
  return (
    <h1 ref={ref} tabIndex={-1} class={cx('page-heading', className)}>
      {children}
    </h1>
  );
}
