/** A field Zoom names in its `Validation Failed.` answer. */
export interface FieldError {
  field: string;
  message: string;
}

/** Collects the field errors of one request body, under a path prefix such as `settings.`. */
export class FieldErrors {
  constructor(
    private readonly prefix = '',
    readonly list: FieldError[] = [],
  ) {}

  /** Records `field` as invalid; Zoom's message is the same for every kind of mistake. */
  bad(field: string, message = 'Invalid field.'): void {
    this.list.push({ field: `${this.prefix}${field}`, message });
  }

  /** A collector that writes into this one with a longer prefix. */
  nested(prefix: string): FieldErrors {
    return new FieldErrors(`${this.prefix}${prefix}`, this.list);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** True for an integer from `min` to `max`, both included. */
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** True for a plain object, the only shape Zoom accepts for nested fields. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
