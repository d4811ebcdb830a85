import { useAppStore } from '../../../store';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';
import { MAX_TAGS, TAG_KEY_SPEC, TAG_VALUE_SPEC } from '../forms/useTagRows';

const FIELDS = { key: TAG_KEY_SPEC, value: TAG_VALUE_SPEC } as const;

interface AddTagFormProps {
  readonly resourceArn: string;
  readonly existingKeys: readonly string[];
  /** The current value of each existing key, to say which value an add replaces. */
  readonly existingValues?: Readonly<Record<string, string>>;
}

/**
 * TagResource with one tag. Key and value lengths come from the shared Tag
 * shapes; the count limit is the shared TagList maximum, checked against the
 * tags already on the resource (a known key replaces its value, so it does
 * not count twice).
 */
export function AddTagForm({ resourceArn, existingKeys, existingValues = {} }: AddTagFormProps) {
  const addTag = useAppStore((s) => s.addTag);
  const form = useShapeForm(FIELDS, { key: '', value: '' });
  const submission = useSubmission<unknown>('TagResource');
  const replaces = existingKeys.includes(form.values.key);
  const full = !replaces && existingKeys.length >= MAX_TAGS;

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    if (!values || full) return;
    const added = await submission.submit({ ResourceARN: resourceArn, Tags: [{ Key: values.key, Value: values.value }] }, addTag);
    if (added?.ok) form.reset();
  };

  return (
    <form className="form" aria-label="Add a tag" noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="form-row">
        <ShapeField field={form.field('key')} />
        <ShapeField field={form.field('value')} />
      </div>
      {replaces && (
        <span role="status" className="field-hint">
          A tag with the key “{form.values.key}” exists
          {existingValues[form.values.key] !== undefined ? ` (value “${existingValues[form.values.key]}”)` : ''}: adding it
          replaces the value.
        </span>
      )}
      {full && (
        <span role="alert" className="field-error">
          This resource already has {MAX_TAGS} tags, the most the service allows. Remove one first.
        </span>
      )}
      <SubmitRow label="Add tag" busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
