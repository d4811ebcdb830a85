/**
 * Field-level checks for the admin forms. Every rule comes from the shapes in
 * src/shared/chime/shapes.ts through validateShapeValue, so a form refuses
 * exactly what main's IPC schema and the service would refuse; this module
 * only turns raw text into the member's type and phrases the message with the
 * field's label.
 */
import { validateShapeValue } from '../../../shared/chime/schema';
import type { IntegerShape, StringShape } from '../../../shared/chime/shapes';

export type FieldShape = StringShape | IntegerShape;

export interface FieldSpec {
  readonly label: string;
  readonly shape: FieldShape;
  /** Required members refuse an empty field; optional ones are left out of the request when empty. */
  readonly required?: boolean;
}

export type Parsed = string | number | undefined;

export type FieldCheck = { readonly ok: true; readonly value: Parsed } | { readonly ok: false; readonly message: string };

export function checkField(spec: FieldSpec, raw: string): FieldCheck {
  if (raw === '') {
    return spec.required ? { ok: false, message: `${spec.label} is required.` } : { ok: true, value: undefined };
  }
  const value = spec.shape.kind === 'integer' ? parseWholeNumber(raw) : raw;
  if (value === undefined) return { ok: false, message: `${spec.label} must be a whole number.` };
  const problem = validateShapeValue(spec.shape, value);
  return problem ? { ok: false, message: withLabel(spec.label, problem) } : { ok: true, value };
}

/** The shared schema speaks of "Member …" as the service does; in a form the field's label reads better. */
export function withLabel(label: string, message: string): string {
  // The service's "must satisfy regular expression pattern: HINT" reads as a regex to a person: say what to use.
  const pattern = /^Member must satisfy regular expression pattern:\s*(.*)$/.exec(message);
  if (pattern) return `${label}: use ${pattern[1]}.`;
  return message.replace(/^Member /, `${label} `);
}

function parseWholeNumber(raw: string): number | undefined {
  const trimmed = raw.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** A short hint of what the shape accepts, e.g. "1–256 characters" or "1–5475". */
export function describeShape(shape: FieldShape): string | undefined {
  const { min, max } = shape;
  if (shape.kind === 'integer') {
    if (min !== undefined && max !== undefined) return `${min}–${max}`;
    return undefined;
  }
  const range = min !== undefined && min > 0 ? `${min}–${max ?? '∞'}` : max !== undefined ? `Up to ${max}` : undefined;
  const length = range ? `${range} characters` : undefined;
  const hint = shape.pattern ? shape.patternHint : undefined;
  return [length, hint].filter(Boolean).join('; ') || undefined;
}
