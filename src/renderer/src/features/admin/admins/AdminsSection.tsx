import { useEffect, useState } from 'react';
import { useAppStore } from '../../../store';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { EmptyState } from '../../../components/EmptyState';
import type { AdminSummary } from '../chimeModels';
import { PromoteForm } from './PromoteForm';
import { AdminRow } from './AdminRow';
import { AdminDetailCard } from './AdminDetailCard';
import { DemoteDialog } from './DemoteDialog';
import { ListCardHeader, countOf } from '../ListCardHeader';

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
      <div className="card">
        <ListCardHeader
          title="Admins"
          loading={admins?.loading}
          countText={countOf(admins?.value)}
          refreshLabel="Refresh admins"
          onRefresh={() => void loadAdmins(appInstanceArn)}
        />
        {admins?.error && <ErrorMessage error={admins.error} onRetry={() => void loadAdmins(appInstanceArn)} />}
        {items.length === 0 && !admins?.loading && !admins?.error ? (
          <EmptyState title="No admins" />
        ) : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>ARN</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((admin) => (
                <AdminRow key={admin.Admin?.Arn} appInstanceArn={appInstanceArn} admin={admin} onDemote={() => setDemoting(admin)} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      <AdminDetailCard />
      <PromoteForm appInstanceArn={appInstanceArn} />
      {demoting && <DemoteDialog appInstanceArn={appInstanceArn} admin={demoting} onClose={() => setDemoting(undefined)} />}
    </section>
  );
}
