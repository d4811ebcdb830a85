import { useEffect, useState } from 'react';
import { useAppStore } from '../../../store';
import { ErrorMessage } from '../../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../../shared/errors';
import { AddTagForm } from './AddTagForm';

interface TagsPanelProps {
  readonly resourceArn: string;
  /** "app instance", "user" or "bot", for the heading. */
  readonly resourceLabel: string;
}

/** ListTagsForResource, TagResource and UntagResource for one AppInstance, user or bot. */
export function TagsPanel({ resourceArn, resourceLabel }: TagsPanelProps) {
  const entry = useAppStore((s) => s.tagsByArn[resourceArn]);
  const loadTags = useAppStore((s) => s.loadTags);
  const removeTag = useAppStore((s) => s.removeTag);
  const [removeError, setRemoveError] = useState<WorkbenchError>();
  const [removing, setRemoving] = useState<string>();

  useEffect(() => {
    void loadTags(resourceArn);
  }, [resourceArn, loadTags]);

  const tags = entry?.value ?? [];
  const remove = async (key: string) => {
    setRemoving(key);
    const result = await removeTag(resourceArn, key);
    setRemoving(undefined);
    setRemoveError(result.ok ? undefined : result.error);
  };

  return (
    <section className="card" aria-label={`Tags of the ${resourceLabel}`}>
      <div className="card-header">
        <h3>Tags</h3>
        <span className="muted">{entry?.loading ? 'Loading…' : `${tags.length} of the ${resourceLabel}`}</span>
      </div>
      {entry?.error && <ErrorMessage error={entry.error} onRetry={() => void loadTags(resourceArn)} />}
      {tags.length > 0 && (
        <table className="admin-tags">
          <thead>
            <tr>
              <th>Key</th>
              <th>Value</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr key={tag.Key}>
                <td className="mono">{tag.Key}</td>
                <td className="mono">{tag.Value}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove tag ${tag.Key}`}
                    disabled={removing === tag.Key}
                    onClick={() => tag.Key !== undefined && void remove(tag.Key)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removeError && <ErrorMessage error={removeError} />}
      <AddTagForm
        resourceArn={resourceArn}
        existingKeys={tags.flatMap((t) => (t.Key === undefined ? [] : [t.Key]))}
        existingValues={Object.fromEntries(tags.flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? '']])))}
      />
    </section>
  );
}
