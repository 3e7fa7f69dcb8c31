// A larger-text setting for older members (DESIGN.md §6), kept in a cookie so the very first
// paint of every page already has the right size, even offline.
export const TEXT_SIZES = ['standard', 'large', 'extra-large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const TEXT_SIZE_COOKIE = 'ejia-text-size';

export function readTextSize(value: string | undefined): TextSize {
  return (TEXT_SIZES as readonly string[]).includes(value ?? '') ? (value as TextSize) : 'standard';
}
