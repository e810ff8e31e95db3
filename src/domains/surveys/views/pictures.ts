import type { Picture } from '../definition.ts';

// The Easy Read picture scale: a face for each answer, drawn as inline SVG so that it needs no
// image request and no script. The words beside each face say the same thing, so the pictures
// are hidden from screen readers.

const mouths: Record<Picture, string> = {
  'very-happy': 'M14 27 Q24 40 34 27 Z',
  happy: 'M15 29 Q24 36 33 29',
  neutral: 'M15 31 L33 31',
  sad: 'M15 34 Q24 27 33 34',
  'very-sad': 'M14 36 Q24 24 34 36',
  unsure: 'M16 32 Q20 29 24 32 Q28 35 32 32',
};

const fills: Record<Picture, string> = {
  'very-happy': '#007f3b',
  happy: '#78be20',
  neutral: '#ffeb3b',
  sad: '#ed8b00',
  'very-sad': '#d5281b',
  unsure: '#d8dde0',
};

/** An SVG face for an answer: trusted markup, made only from the constants above. */
export function pictureSvg(picture: Picture): string {
  const mouth = mouths[picture];
  const filled = picture === 'very-happy' ? ' fill="#ffffff"' : ' fill="none"';
  const eyes =
    picture === 'unsure'
      ? '<text x="24" y="22" text-anchor="middle" font-size="14" font-family="Arial" fill="#212b32">?</text>'
      : '<circle cx="17" cy="19" r="3" fill="#212b32"/><circle cx="31" cy="19" r="3" fill="#212b32"/>';
  return `<svg class="heard-survey-picture" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="22" fill="${fills[picture]}" stroke="#212b32" stroke-width="2"/>${eyes}<path d="${mouth}"${filled} stroke="#212b32" stroke-width="3" stroke-linecap="round"/></svg>`;
}
