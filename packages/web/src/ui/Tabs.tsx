import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';

export interface TabItem {
  readonly id: string;
  readonly label: string;
  readonly panel: ComponentChildren;
}

export interface TabsProps {
  /** Names the tab list for screen readers ("How do you sign in?"). */
  readonly label: string;
  readonly items: readonly TabItem[];
  readonly selected: string;
  readonly onSelect: (id: string) => void;
}

/** Which tab a key press moves to; arrows follow the reading direction. Null: not a tab key. */
export function nextTabIndex(key: string, index: number, count: number, dir: 'ltr' | 'rtl'): number | null {
  const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backward = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
  if (key === forward) return (index + 1) % count;
  if (key === backward) return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * WAI-ARIA tabs with automatic activation: one tab stop for the list (roving tabindex), arrows move
 * between tabs, Home/End jump to the ends, Tab moves into the panel.
 */
export function Tabs({ label, items, selected, onSelect }: TabsProps) {
  const { dir } = useI18n();
  const base = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  return (
    <div class="tabs">
      <div class="tabs__list" role="tablist" aria-label={label}>
        {items.map((item, index) => {
          const isSelected = item.id === selected;
          return (
            <button
              key={item.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              class="tabs__tab"
              id={`${base}-tab-${item.id}`}
              aria-controls={`${base}-panel-${item.id}`}
              aria-selected={isSelected ? 'true' : 'false'}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => onSelect(item.id)}
              onKeyDown={(event) => {
                const next = nextTabIndex(event.key, index, items.length, dir);
                const target = next === null ? undefined : items[next];
                if (next === null || !target) return;
                event.preventDefault();
                onSelect(target.id);
                tabs.current[next]?.focus();
              }}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      {items.map((item) => (
        <div
          key={item.id}
          role="tabpanel"
          class="tabs__panel"
          id={`${base}-panel-${item.id}`}
          aria-labelledby={`${base}-tab-${item.id}`}
          hidden={item.id !== selected}
        >
          {item.id === selected && item.panel}
        </div>
      ))}
    </div>
  );
}
