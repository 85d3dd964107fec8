export interface Bar {
  readonly id: string;
  readonly label: string;
  /** 0..1 of the bar's full length. */
  readonly value: number;
  /** The value as text, shown beside the bar and read by screen readers. */
  readonly text: string;
}

export interface BarChartProps {
  readonly caption: string;
  readonly bars: readonly Bar[];
}

/**
 * Horizontal bars drawn with CSS, each with its label and its value in text: readable without colour,
 * by screen readers (a list of "label: value"), at 320 px, and mirrored in right-to-left languages.
 */
export function BarChart({ caption, bars }: BarChartProps) {
  return (
    <figure class="bar-chart">
      <figcaption class="bar-chart__caption">{caption}</figcaption>
      <ul class="bar-chart__list">
        {bars.map((bar) => (
          <li key={bar.id} class="bar-chart__row">
            <span class="bar-chart__label" dir="auto">
              {bar.label}
            </span>
            <span class="bar-chart__track" aria-hidden="true">
              <span
                class="bar-chart__bar"
                style={{ inlineSize: `${Math.min(100, Math.max(0, bar.value * 100))}%` }}
              />
            </span>
            <span class="bar-chart__value">
              <span class="sr-only">: </span>
              {bar.text}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
