import { useEffect, useState } from 'react';
import { useAppStore } from '../../../store';
import { EmptyState } from '../../../components/EmptyState';
import type { AdminSummary } from '../chimeModels';
import { PromoteForm } from './PromoteForm';
import { AdminRow } from './AdminRow';
import { AdminDetailCard } from './AdminDetailCard';
import { DemoteDialog } from './DemoteDialog';
import { ListCard, countOf } from '../ListCard';

/** ListAppInstanceAdmins with promote, describe and demote. */
export function AdminsSection({ appInstanceArn }: { readonly appInstanceArn: string }) {
  const admins = useAppStore((s) => (s.admins?.key === appInstanceArn ? s.admins : undefined));
  const loadAdmins = useAppStore((s) => s.loadAdmins);
  const loadBots = useAppStore((s) => s.loadBots);
  const [demoting, setDemoting] = useState<AdminSummary>();

  useEffect(() => {
    void loadAdmins(appInstanceArn);
    // Bots can be admins too; their ARNs feed the promote form's suggestions.
    void loadBots(appInstanceArn);
  }, [appInstanceArn, loadAdmins, loadBots]);

  const items = admins?.value?.items ?? [];
  return (
    <section className="admin-section" aria-label="Admins">
      <ListCard
        title="Admins"
        loading={admins?.loading}
        countText={countOf(admins?.value)}
        refreshLabel="Refresh admins"
        onRefresh={() => void loadAdmins(appInstanceArn)}
        error={admins?.error}
        count={items.length}
        empty={<EmptyState title="No admins" />}
      >
        {items.map((admin) => (
          <AdminRow
            key={admin.Admin?.Arn}
            appInstanceArn={appInstanceArn}
            admin={admin}
            onDemote={() => setDemoting(admin)}
          />
        ))}
      </ListCard>
      <AdminDetailCard />
      <PromoteForm appInstanceArn={appInstanceArn} />
      {demoting && (
        <DemoteDialog appInstanceArn={appInstanceArn} admin={demoting} onClose={() => setDemoting(undefined)} />
      )}
    </section>
  );
}
