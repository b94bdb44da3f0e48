import { isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/** A JSON value read from a request; integers past 2^53 stay exact as `LosslessNumber`. */
export type JsonValue = unknown;

/**
 * Parses request JSON without passing large integers through a JS number: safe numbers
 * become numbers, anything else stays a `LosslessNumber` holding the original digits.
 * Throws a `SyntaxError` on malformed text.
 */
export function readJson(text: string): JsonValue {
  return parse(text, null, (digits) =>
    isSafeNumber(digits) ? Number.parseFloat(digits) : new LosslessNumber(digits),
  );
}

/** Serialises a value; `int64` markers are written as bare number literals. */
export function writeJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

/** Marks a decimal string (a meeting id, a PMI) to be written as a JSON number literal. */
export function int64(digits: string): LosslessNumber {
  return new LosslessNumber(digits);
}

/**
 * The digits of a non-negative integer given as a string, a safe number or a
 * `LosslessNumber`; undefined for anything else.
 */
export function integerDigits(value: unknown): string | undefined {
  const text = value instanceof LosslessNumber || typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^\d+$/.test(text) ? text : undefined;
}
