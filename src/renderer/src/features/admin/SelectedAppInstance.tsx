import { useState } from 'react';
import { AppInstancesSection } from './appInstance/AppInstancesSection';
import { AppInstanceOverview } from './appInstance/AppInstanceOverview';
import { UsersSection } from './users/UsersSection';
import { AdminsSection } from './admins/AdminsSection';
import { BotsSection } from './bots/BotsSection';
import { RetentionSection } from './retention/RetentionSection';
import { AdminTabs, panelId, tabId, type AdminTab } from './AdminTabs';

/** The areas of one AppInstance as tabs. */
export function SelectedAppInstance({ arn }: { readonly arn: string }) {
  const [tab, setTab] = useState<AdminTab>('Overview');
  return (
    <div className="admin-view">
      <AdminTabs current={tab} onChange={setTab} />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="admin-panel">
        {tab === 'App instances' && <AppInstancesSection />}
        {tab === 'Overview' && <AppInstanceOverview arn={arn} />}
        {tab === 'Users' && <UsersSection />}
        {tab === 'Admins' && <AdminsSection appInstanceArn={arn} />}
        {tab === 'Bots' && <BotsSection appInstanceArn={arn} />}
        {tab === 'Retention' && <RetentionSection appInstanceArn={arn} />}
      </div>
    </div>
  );
}
