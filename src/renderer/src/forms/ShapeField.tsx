import { useId } from 'react';
import { describeShape } from './fieldRules';
import type { BoundField } from './useShapeForm';

interface ShapeFieldProps {
  readonly field: BoundField;
  readonly multiline?: boolean;
  readonly placeholder?: string;
  /** Id of a datalist with suggestions. */
  readonly list?: string;
}

/**
 * One labelled input checked against a shared shape. An invalid value sets
 * aria-invalid and points aria-describedby at the message, which is also a
 * live alert so a screen reader hears it when it appears.
 */
export function ShapeField({ field, multiline, placeholder, list }: ShapeFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hint = describeShape(field.shape);
  const describedBy = [field.error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: field.value,
    placeholder,
    'aria-invalid': field.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    onBlur: field.onBlur,
  };
  return (
    <div className="admin-field">
      <label htmlFor={id}>{field.label}</label>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => field.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          list={list}
          inputMode={field.shape.kind === 'integer' ? 'numeric' : undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => field.onChange(e.target.value)}
        />
      )}
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {field.error && (
        <span id={errorId} role="alert" className="field-error">
          {field.error}
        </span>
      )}
    </div>
  );
}
