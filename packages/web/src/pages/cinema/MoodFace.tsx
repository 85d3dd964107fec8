import type { Mood } from '@satchel/core';

// Drawn faces rather than emoji: they look the same on every laptop, and children who cannot
// read still know which is which.
const MOUTHS: Record<Mood, string> = {
  very_sad: 'M30 72 Q50 52 70 72',
  sad: 'M32 70 Q50 60 68 70',
  okay: 'M32 66 L68 66',
  happy: 'M32 62 Q50 74 68 62',
  very_happy: 'M28 58 Q50 84 72 58 Z',
};
const COLOURS: Record<Mood, string> = {
  very_sad: '#5b8def',
  sad: '#8fb3f5',
  okay: '#f4d35e',
  happy: '#9bd77a',
  very_happy: '#4cbf5a',
};

export function MoodFace({ mood, size = 96 }: { readonly mood: Mood; readonly size?: number }) {
  return (
    <svg
      class="mood-face"
      width={size}
      height={size}
      viewBox="0 0 100 100"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="50" cy="50" r="46" fill={COLOURS[mood]} stroke="#111" stroke-width="4" />
      <circle cx="35" cy="40" r="6" fill="#111" />
      <circle cx="65" cy="40" r="6" fill="#111" />
      <path
        d={MOUTHS[mood]}
        fill={mood === 'very_happy' ? '#111' : 'none'}
        stroke="#111"
        stroke-width="5"
        stroke-linecap="round"
      />
    </svg>
  );
}
