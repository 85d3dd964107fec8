import { useT } from '../../../i18n/i18n.js';
import { Button } from '../../../ui/index.js';

export interface PagerProps {
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  readonly onPage: (page: number) => void;
  /** Names the navigation landmark when a page has more than one pager. */
  readonly label?: string;
}

/** Previous / next between pages of a list; nothing when everything fits on one page. */
export function Pager({ page, pages, onPage, label }: PagerProps) {
  const t = useT();
  if (pages <= 1) return null;
  const first = page <= 1;
  const last = page >= pages;
  return (
    <nav class="admin-pager" aria-label={label ?? t('admin.pager.label')}>
      <Button aria-disabled={first ? 'true' : undefined} onClick={() => !first && onPage(page - 1)}>
        {t('admin.pager.previous')}
      </Button>
      <span>{t('admin.pager.position', { page, pages })}</span>
      <Button aria-disabled={last ? 'true' : undefined} onClick={() => !last && onPage(page + 1)}>
        {t('admin.pager.next')}
      </Button>
    </nav>
  );
}

/** How many pages `total` items make at `size` per page (at least one). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, size)));
}
