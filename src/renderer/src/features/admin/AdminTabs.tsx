import { useRef } from 'react';

export const ADMIN_TABS = ['App instances', 'Overview', 'Users', 'Admins', 'Bots', 'Retention'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export const tabId = (tab: AdminTab) => `admin-tab-${tab.replace(/\s+/g, '-').toLowerCase()}`;
export const panelId = (tab: AdminTab) => `admin-panel-${tab.replace(/\s+/g, '-').toLowerCase()}`;

interface AdminTabsProps {
  readonly current: AdminTab;
  onChange(tab: AdminTab): void;
}

/** WAI-ARIA tabs: one tab stop, arrow keys move between tabs, Home/End jump to the ends. */
export function AdminTabs({ current, onChange }: AdminTabsProps) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const move = (index: number) => {
    const next = (index + ADMIN_TABS.length) % ADMIN_TABS.length;
    onChange(ADMIN_TABS[next]!);
    refs.current[next]?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent, index: number) => {
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ADMIN_TABS.length - 1 }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    move(target);
  };
  return (
    <div role="tablist" aria-label="Manage app instance" className="tabs admin-tabs">
      {ADMIN_TABS.map((tab, index) => (
        <button
          key={tab}
          ref={(el) => {
            refs.current[index] = el;
          }}
          type="button"
          role="tab"
          id={tabId(tab)}
          aria-selected={tab === current}
          aria-controls={panelId(tab)}
          tabIndex={tab === current ? 0 : -1}
          className={tab === current ? 'tab active' : 'tab'}
          onClick={() => onChange(tab)}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          {tab}
        </button>
      ))}
    </div>
  );
}
