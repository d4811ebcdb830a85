import { useEffect } from 'react';
import { useAppStore } from '../../../store';
import { EmptyState } from '../../../components/EmptyState';
import { BotForm } from './BotForm';
import { BotPanel } from './BotPanel';
import { ListCard, countOf } from '../ListCard';

/**
 * ListAppInstanceBots, and either the opened bot or the create form (never
 * both, so the "Name" and "Metadata" labels stay unique on screen).
 */
export function BotsSection({ appInstanceArn }: { readonly appInstanceArn: string }) {
  const bots = useAppStore((s) => (s.bots?.key === appInstanceArn ? s.bots : undefined));
  const opened = useAppStore((s) => s.botDetail?.key);
  const loadBots = useAppStore((s) => s.loadBots);
  const describeBot = useAppStore((s) => s.describeBot);
  const closeBot = useAppStore((s) => s.closeBot);

  useEffect(() => {
    void loadBots(appInstanceArn);
    return closeBot;
  }, [appInstanceArn, loadBots, closeBot]);

  const items = bots?.value?.items ?? [];
  return (
    <section className="admin-section" aria-label="Bots">
      <ListCard
        title="Bots"
        loading={bots?.loading}
        countText={countOf(bots?.value)}
        refreshLabel="Refresh bots"
        onRefresh={() => void loadBots(appInstanceArn)}
        error={bots?.error}
        count={items.length}
        empty={
          <EmptyState title="No bots">A bot connects a Lex V2 bot to the app instance&apos;s channels.</EmptyState>
        }
      >
        {items.map((b) => (
          <tr key={b.AppInstanceBotArn} aria-selected={b.AppInstanceBotArn === opened}>
            <td>{b.Name}</td>
            <td className="mono">{b.AppInstanceBotArn}</td>
            <td>
              <button
                type="button"
                className="small"
                aria-label={`Open bot ${b.Name || b.AppInstanceBotArn}`}
                onClick={() => b.AppInstanceBotArn && void describeBot(b.AppInstanceBotArn)}
              >
                Open
              </button>
            </td>
          </tr>
        ))}
      </ListCard>
      {opened ? (
        <BotPanel appInstanceArn={appInstanceArn} />
      ) : (
        <div className="card">
          <h3>New bot</h3>
          <BotForm appInstanceArn={appInstanceArn} />
        </div>
      )}
    </section>
  );
}
