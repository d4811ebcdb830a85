import { useState } from 'react';
import { useAppStore } from '../../../store';
import { ConfirmDialog } from '../../../components/ConfirmDialog';

interface Props {
  readonly arn: string;
  readonly name: string;
}

/** DeleteAppInstanceBot after confirmation, saying when the bot is also an admin. */
export function DeleteBotButton({ arn, name }: Props) {
  const deleteBot = useAppStore((s) => s.deleteBot);
  const isAdmin = useAppStore((s) => s.admins?.value?.items.some((a) => a.Admin?.Arn === arn) ?? false);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete bot
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete bot "${name}"?`}
          confirmLabel="Delete"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await deleteBot(arn);
            return result.ok ? undefined : result.error;
          }}
        >
          <p>
            This deletes <strong>{name}</strong> <span className="mono small">({arn})</span>. Channels it belongs to lose it; its Lex
            bot itself is not touched. It cannot be undone.
          </p>
          {isAdmin && <p>The bot is an admin of this app instance and loses that role.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
