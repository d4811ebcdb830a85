import { formatCount, type AppInstanceDependents } from './dependents';

/** What deleting an AppInstance takes with it, as counted before the confirmation. */
export function DependentsList({ dependents }: { readonly dependents: AppInstanceDependents }) {
  return (
    <ul aria-label="Deleted with it">
      <li>{formatCount(dependents.users, 'user')}</li>
      <li>{dependents.endpoints ? formatCount(dependents.endpoints, 'endpoint') : 'endpoints of those users (not counted for this many users)'}</li>
      <li>{formatCount(dependents.admins, 'admin')}</li>
      <li>{formatCount(dependents.bots, 'bot')}</li>
    </ul>
  );
}
