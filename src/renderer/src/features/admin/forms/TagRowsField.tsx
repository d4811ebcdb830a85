import { useId } from 'react';
import { MAX_TAGS, type TagRows } from './useTagRows';
import { TagCell } from './TagCell';

/**
 * Editable key/value rows for the tags a resource is created with. Labels are
 * numbered ("Tag 1 key") so they never collide with the "Tag key" field of the
 * tags panel of an existing resource.
 */
export function TagRowsField({ tags }: { readonly tags: TagRows }) {
  const id = useId();
  return (
    <fieldset className="admin-tag-rows">
      <legend>Tags</legend>
      {tags.rows.map((row, index) => {
        const errors = tags.showErrors ? tags.errors[index] : undefined;
        const n = index + 1;
        return (
          <div className="admin-tag-row" key={index}>
            <TagCell id={`${id}-${n}-key`} label={`Tag ${n} key`} value={row.key} error={errors?.key} onChange={(key) => tags.change(index, { ...row, key })} />
            <TagCell id={`${id}-${n}-value`} label={`Tag ${n} value`} value={row.value} error={errors?.value} onChange={(value) => tags.change(index, { ...row, value })} />
            <button type="button" className="small" onClick={() => tags.remove(index)} aria-label={`Drop tag row ${n}`}>
              ✕
            </button>
          </div>
        );
      })}
      {tags.showErrors && tags.listError && (
        <span role="alert" className="field-error">
          {tags.listError}
        </span>
      )}
      <button type="button" className="small" onClick={tags.add} disabled={tags.rows.length >= MAX_TAGS}>
        Add a tag row
      </button>
    </fieldset>
  );
}
