import { lazy, Suspense, useEffect, useState } from 'react';
import { subscribeToMain } from './store/events';
import { bootstrap } from './session/sessionActions';
import { ConnectionPicker } from './features/connection/ConnectionPicker';
import { RegionPicker } from './features/connection/RegionPicker';
import { IdentityBadge } from './features/connection/IdentityBadge';
import { ProfileBar } from './features/sso/ProfileBar';
import { MfaDialog } from './features/connection/MfaDialog';
import { StatusLine } from './features/connection/StatusLine';
import { AppInstancePicker } from './features/appInstances/AppInstancePicker';
import { UserDirectory } from './features/users/UserDirectory';
import { UserDetail } from './features/endpoints/UserDetail';
import { ActivityPanel } from './features/activity/ActivityPanel';
import { WorkspaceMenu } from './features/workspaces/WorkspaceMenu';
import { StoreNotices } from './features/workspaces/StoreNotices';
import { useGlobalShortcuts } from './session/useGlobalShortcuts';
import { WatchToasts } from './features/watch/WatchToasts';

// "Manage app instance" is opened rarely and holds most of the forms: its own chunk, loaded on first use.
const AdminView = lazy(() => import('./features/admin/AdminView').then((m) => ({ default: m.AdminView })));

type MainView = 'endpoints' | 'manage';

export function App() {
  const [view, setView] = useState<MainView>('endpoints');
  const [activityOpen, setActivityOpen] = useState(false);

  useEffect(() => {
    const unsubscribe = subscribeToMain();
    void bootstrap();
    return unsubscribe;
  }, []);
  useGlobalShortcuts({ toggleActivity: () => setActivityOpen((open) => !open) });

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Chime Endpoint Workbench</h1>
        <WorkspaceMenu />
        <div className="header-controls">
          <ConnectionPicker />
          <RegionPicker />
          <IdentityBadge />
        </div>
      </header>
      <ProfileBar />
      <StoreNotices />
      <div className="app-body">
        <aside className="sidebar" aria-label="App instance and users">
          <AppInstancePicker />
          <UserDirectory />
        </aside>
        <main className="main-panel">
          <nav className="tabs" aria-label="Views">
            <button type="button" className={view === 'endpoints' ? 'tab active' : 'tab'} aria-pressed={view === 'endpoints'} onClick={() => setView('endpoints')}>
              User &amp; endpoints
            </button>
            <button type="button" className={view === 'manage' ? 'tab active' : 'tab'} aria-pressed={view === 'manage'} onClick={() => setView('manage')}>
              Manage app instance
            </button>
          </nav>
          {view === 'endpoints' ? (
            <UserDetail />
          ) : (
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <AdminView />
            </Suspense>
          )}
        </main>
      </div>
      <ActivityPanel open={activityOpen} onToggle={() => setActivityOpen((open) => !open)} />
      <StatusLine />
      <MfaDialog />
      <WatchToasts />
    </div>
  );
}
