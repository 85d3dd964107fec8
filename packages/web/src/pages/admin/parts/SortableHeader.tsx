import type { ComponentChildren } from 'preact';

export interface SortableHeaderProps {
  /** How the column is sorted now: 'none' for the other columns. */
  readonly sort: 'ascending' | 'descending' | 'none';
  readonly onSort: () => void;
  readonly children?: ComponentChildren;
  readonly class?: string;
}

/**
 * A column header that sorts the table: the button's name is the column's name, and the header's
 * aria-sort tells screen readers which column is sorted and how (WAI-ARIA sortable table pattern).
 */
export function SortableHeader({ sort, onSort, children, class: className }: SortableHeaderProps) {
  return (
    <th scope="col" class={className} aria-sort={sort === 'none' ? undefined : sort}>
      <button type="button" class="admin-sort" onClick={onSort}>
        <span dir="auto">{children}</span>
        <span class="admin-sort__icon" aria-hidden="true">
          {sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '⇅'}
        </span>
      </button>
    </th>
  );
}
