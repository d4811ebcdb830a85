/**
 * The state every form in the app keeps, one way: the values being edited,
 * which fields the user has left, and how many times they tried to submit. A
 * field's message shows once it was left or a submit was tried, never while
 * the user is still typing into a fresh form. useShapeForm (fields checked
 * against the service's shapes) and the register form (fields checked by the
 * token linter) both build on it.
 */
import { useCallback, useState } from 'react';

export interface FormState<V extends object> {
  readonly values: V;
  /** Submit attempts so far (a form may move focus to the first invalid field after one). */
  readonly attempts: number;
  setValue<K extends keyof V>(name: K, value: V[K]): void;
  /** Several values at once (a saved device filling the form). */
  patch(values: Partial<V>): void;
  /** The user left the field: its message may show. */
  blur(name: keyof V & string): void;
  /** Whether the field's message should show. */
  shows(name: keyof V & string): boolean;
  /** A submit was tried: every message shows. */
  attempt(): void;
  reset(values?: Partial<V>): void;
}

export function useFormState<V extends object>(initial: V): FormState<V> {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [attempts, setAttempts] = useState(0);

  const setValue = useCallback(<K extends keyof V>(name: K, value: V[K]) => setValues((v) => ({ ...v, [name]: value })), []);
  const patch = useCallback((next: Partial<V>) => setValues((v) => ({ ...v, ...next })), []);
  const blur = useCallback((name: string) => setTouched((t) => (t.has(name) ? t : new Set(t).add(name))), []);

  return {
    values,
    attempts,
    setValue,
    patch,
    blur,
    shows: (name) => attempts > 0 || touched.has(name),
    attempt: () => setAttempts((n) => n + 1),
    reset: (next) => {
      setValues({ ...initial, ...next });
      setTouched(new Set());
      setAttempts(0);
    },
  };
}
