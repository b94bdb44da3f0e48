import { isSafeNumber, parse } from 'lossless-json';

/**
 * Parses a Zoom answer without losing digits: Zoom's meeting ids and PMIs are 64-bit, so an
 * integer past `Number.MAX_SAFE_INTEGER` is kept as its decimal string.
 */
export function parseZoomJson(text: string): unknown {
  return parse(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}

/** A 64-bit id as Zoom may send it (number or string) in its decimal form. */
export function idString(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(0) : String(value ?? '');
}
