/**
 * Initial tags of a create form (CreateAppInstance, CreateAppInstanceUser,
 * CreateAppInstanceBot take `Tags`). Keys, values and the count are checked
 * with the shared Tag shapes; an empty list is left out of the request since
 * the model's TagList needs at least one tag when present.
 */
import { useState } from 'react';
import { TagKey, TagList, TagValue } from '../../../../../shared/chime/shapes';
import { checkField, type FieldSpec } from '../../../forms/fieldRules';

export interface TagRow {
  readonly key: string;
  readonly value: string;
}

export const TAG_KEY_SPEC: FieldSpec = { label: 'Tag key', shape: TagKey, required: true };
export const TAG_VALUE_SPEC: FieldSpec = { label: 'Tag value', shape: TagValue, required: true };
export const MAX_TAGS = TagList.max ?? 50;

export interface TagRowErrors {
  readonly key?: string;
  readonly value?: string;
}

export interface TagRows {
  readonly rows: readonly TagRow[];
  readonly errors: readonly TagRowErrors[];
  readonly listError?: string;
  readonly showErrors: boolean;
  add(): void;
  remove(index: number): void;
  change(index: number, row: TagRow): void;
  /** The tags to send (undefined for none), or false when a row is invalid. */
  validate(): TagRow[] | undefined | false;
  reset(): void;
}

export function useTagRows(): TagRows {
  const [rows, setRows] = useState<readonly TagRow[]>([]);
  const [showErrors, setShowErrors] = useState(false);

  const errors = rows.map((row, index) => rowErrors(row, rows, index));
  const listError = rows.length > MAX_TAGS ? `A resource can have at most ${MAX_TAGS} tags.` : undefined;

  return {
    rows,
    errors,
    listError,
    showErrors,
    add: () => setRows((r) => [...r, { key: '', value: '' }]),
    remove: (index) => setRows((r) => r.filter((_, i) => i !== index)),
    change: (index, row) => setRows((r) => r.map((old, i) => (i === index ? row : old))),
    validate() {
      setShowErrors(true);
      if (listError || errors.some((e) => e.key || e.value)) return false;
      return rows.length ? rows.map((r) => ({ key: r.key, value: r.value })) : undefined;
    },
    reset() {
      setRows([]);
      setShowErrors(false);
    },
  };
}

function rowErrors(row: TagRow, rows: readonly TagRow[], index: number): TagRowErrors {
  const key = checkField(TAG_KEY_SPEC, row.key);
  const value = checkField(TAG_VALUE_SPEC, row.value);
  const duplicate = rows.findIndex((r) => r.key === row.key) !== index;
  return {
    ...(key.ok ? (duplicate ? { key: 'Tag keys must be unique.' } : {}) : { key: key.message }),
    ...(value.ok ? {} : { value: value.message }),
  };
}

/** The request's `Tags` member from validated rows. */
export function toTags(rows: readonly TagRow[] | undefined) {
  return rows?.map((r) => ({ Key: r.key, Value: r.value }));
}
