/**
 * Forms whose fields are checked against shared shapes: raw text per field on
 * useFormState (messages once a field was left or a submit tried), and
 * `validate` returning the parsed values (or undefined, showing every message).
 */
import { useMemo } from 'react';
import { checkField, type FieldSpec, type Parsed } from './fieldRules';
import { useFormState } from './useFormState';

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
  const state = useFormState<Values<S>>(initial);
  const { values, setValue } = state;

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
    const error = state.shows(name) ? errors[name] : undefined;
    return {
      label: spec.label,
      shape: spec.shape,
      required: spec.required,
      value: values[name],
      ...(error ? { error } : {}),
      onChange: (value) => setValue(name, value),
      onBlur: () => state.blur(name),
    };
  };

  const validate = (): ParsedValues<S> | undefined => {
    state.attempt();
    const parsed: Record<string, Parsed> = {};
    for (const name of Object.keys(specs)) {
      const check = checkField(specs[name]!, values[name as keyof S]);
      if (!check.ok) return undefined;
      parsed[name] = check.value;
    }
    return parsed as ParsedValues<S>;
  };

  return { values, field, setValue, validate, reset: state.reset };
}
