/**
 * Form state for fields checked against shared shapes: raw text per field,
 * messages shown once a field was left or the form submitted, and `validate`
 * returning the parsed values (or undefined, marking every field touched).
 */
import { useCallback, useMemo, useState } from 'react';
import { checkField, type FieldSpec, type Parsed } from './fieldRules';

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;
type Values<S extends FieldSpecs> = { [K in keyof S]: string };
export type ParsedValues<S extends FieldSpecs> = { [K in keyof S]: Parsed };

export interface BoundField {
  readonly label: string;
  readonly value: string;
  readonly error?: string;
  readonly shape: FieldSpec['shape'];
  readonly required?: boolean;
  onChange(value: string): void;
  onBlur(): void;
}

export interface ShapeForm<S extends FieldSpecs> {
  readonly values: Values<S>;
  field(name: keyof S & string): BoundField;
  setValue(name: keyof S & string, value: string): void;
  validate(): ParsedValues<S> | undefined;
  reset(values?: Partial<Values<S>>): void;
}

export function useShapeForm<S extends FieldSpecs>(specs: S, initial: Values<S>): ShapeForm<S> {
  const [values, setValues] = useState<Values<S>>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());

  const setValue = useCallback((name: keyof S & string, value: string) => setValues((v) => ({ ...v, [name]: value })), []);

  const errors = useMemo(() => {
    const out: Partial<Record<string, string>> = {};
    for (const name of Object.keys(specs)) {
      const check = checkField(specs[name]!, values[name as keyof S]);
      if (!check.ok) out[name] = check.message;
    }
    return out;
  }, [specs, values]);

  const field = (name: keyof S & string): BoundField => {
    const spec = specs[name]!;
    const error = touched.has(name) ? errors[name] : undefined;
    return {
      label: spec.label,
      shape: spec.shape,
      required: spec.required,
      value: values[name],
      ...(error ? { error } : {}),
      onChange: (value) => setValue(name, value),
      onBlur: () => setTouched((t) => (t.has(name) ? t : new Set(t).add(name))),
    };
  };

  const validate = (): ParsedValues<S> | undefined => {
    setTouched(new Set(Object.keys(specs)));
    const parsed: Record<string, Parsed> = {};
    for (const name of Object.keys(specs)) {
      const check = checkField(specs[name]!, values[name as keyof S]);
      if (!check.ok) return undefined;
      parsed[name] = check.value;
    }
    return parsed as ParsedValues<S>;
  };

  const reset = (next?: Partial<Values<S>>) => {
    setValues({ ...initial, ...next });
    setTouched(new Set());
  };

  return { values, field, setValue, validate, reset };
}
