import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import type { FieldProps } from './ChoiceFields.js';
import { moveItem } from './responses.js';

/**
 * Putting items in order with buttons, not dragging: each item moves up or down one place, focus
 * follows the item, and a live region says where it now stands.
 */
export function OrderingField({ question, draft, onDraft, name, language }: FieldProps<'ordering'>) {
  const { t } = useI18n();
  const [said, setSaid] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const textOf = (id: string) => question.items.find((item) => item.id === id)?.text ?? '';
  const count = draft.order.length;

  const move = (index: number, delta: -1 | 1) => {
    const id = draft.order[index];
    if (id === undefined) return;
    const order = moveItem(draft.order, index, delta);
    const to = order.indexOf(id);
    if (to === index) return;
    onDraft({ type: 'ordering', order, moved: true });
    setSaid(t('quiz.movedTo', { item: textOf(id), position: to + 1, count }));
    // At an end the pressed button stops working; the other one still can.
    const edge = (delta < 0 && to === 0) || (delta > 0 && to === count - 1);
    const direction = edge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down';
    window.requestAnimationFrame(() => buttons.current.get(`${id}:${direction}`)?.focus());
  };

  return (
    <>
      <p class="question__hint">{t('quiz.orderHint')}</p>
      <ol class="ordering">
        {draft.order.map((id, index) => (
          <li key={id} class="ordering__item">
            <span class="ordering__text" lang={language} dir="auto">
              {textOf(id)}
            </span>
            <span class="ordering__buttons">
              <button
                type="button"
                class="button button--secondary ordering__move"
                ref={(element) => void buttons.current.set(`${id}:up`, element)}
                aria-disabled={index === 0 ? 'true' : undefined}
                aria-label={t('quiz.moveUp', { item: textOf(id) })}
                onClick={() => move(index, -1)}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                class="button button--secondary ordering__move"
                ref={(element) => void buttons.current.set(`${id}:down`, element)}
                aria-disabled={index === count - 1 ? 'true' : undefined}
                aria-label={t('quiz.moveDown', { item: textOf(id) })}
                onClick={() => move(index, 1)}
              >
                <span aria-hidden="true">↓</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p class="sr-only" aria-live="polite" id={`${name}-live`}>
        {said}
      </p>
    </>
  );
}
