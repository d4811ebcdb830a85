import type { FieldLint } from './tokenLinter';

/**
 * The ARIA wiring of a linted field: invalid when it has an error, described
 * by its error, warning and hint, so a screen reader reads them with the field.
 */
export function fieldAria(id: string, lint: FieldLint | undefined, show: boolean) {
  const ids = [
    show && lint?.error ? `${id}-error` : undefined,
    lint?.warning ? `${id}-warning` : undefined,
    lint?.hint ? `${id}-hint` : undefined,
  ].filter(Boolean);
  return {
    id,
    'aria-invalid': show && lint?.error ? ('true' as const) : undefined,
    'aria-describedby': ids.length ? ids.join(' ') : undefined,
  };
}

/** Error (announced as an alert), warning and hint under a field; errors only once the field was left or the form sent. */
export function FieldMessages({
  id,
  lint,
  show,
}: {
  readonly id: string;
  readonly lint: FieldLint | undefined;
  readonly show: boolean;
}) {
  if (!lint) return null;
  return (
    <>
      {show && lint.error && (
        <div id={`${id}-error`} role="alert" className="field-error">
          {lint.error}
        </div>
      )}
      {lint.warning && (
        <div id={`${id}-warning`} className="field-warning">
          {lint.warning}
        </div>
      )}
      {lint.hint && (
        <div id={`${id}-hint`} className="field-hint mono token-hint">
          {lint.hint}
        </div>
      )}
    </>
  );
}
