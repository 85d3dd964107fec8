import { useT } from '../../../i18n/i18n.js';
import { Button } from '../../../ui/index.js';

export interface MoveButtonsProps {
  /** What is moved, read after the visible "Move up" ("module Water"), so each button has its own name. */
  readonly subject: string;
  readonly canUp: boolean;
  readonly canDown: boolean;
  readonly onMove: (direction: 'up' | 'down') => void;
  readonly upId?: string;
  readonly downId?: string;
}

/**
 * Reordering by keyboard: two buttons whose names start with what they show (WCAG 2.5.3) and end with
 * what they move. At an end the button is aria-disabled rather than disabled, so focus that lands on it
 * after a move stays put.
 */
export function MoveButtons({ subject, canUp, canDown, onMove, upId, downId }: MoveButtonsProps) {
  const t = useT();
  return (
    <span class="author-move">
      <Button
        variant="quiet"
        id={upId}
        aria-disabled={canUp ? undefined : 'true'}
        onClick={() => canUp && onMove('up')}
      >
        <span aria-hidden="true">↑ </span>
        {t('author.moveUp')}
        <span class="sr-only"> {subject}</span>
      </Button>
      <Button
        variant="quiet"
        id={downId}
        aria-disabled={canDown ? undefined : 'true'}
        onClick={() => canDown && onMove('down')}
      >
        <span aria-hidden="true">↓ </span>
        {t('author.moveDown')}
        <span class="sr-only"> {subject}</span>
      </Button>
    </span>
  );
}
