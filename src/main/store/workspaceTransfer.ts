/**
 * Export and import of workspaces, as pure functions over the service's state.
 * Import is all or nothing: the file is parsed and validated in full (see
 * shared/workspace/exportFile.ts for the hostile-input rules) and only a
 * complete, valid set of workspaces is handed back to be committed.
 */
import { fail, ok, WorkbenchCodes, type Result } from '../../shared/errors';
import { makeExportFile, parseExportFile, type ImportSummary } from '../../shared/workspace/exportFile';
import { WORKSPACE_LIMITS, type Device, type Workspace } from '../../shared/workspace/workspace';

export function stripTokens(device: Device): Device {
  const { voipDeviceToken: _voip, ...rest } = device;
  return { ...rest, deviceToken: '' };
}

export function exportWorkspaces(workspaces: readonly Workspace[], includeDeviceTokens: boolean, now: number): string {
  const out = includeDeviceTokens ? workspaces : workspaces.map((w) => ({ ...w, devices: w.devices.map(stripTokens) }));
  return `${JSON.stringify(makeExportFile(out, includeDeviceTokens, now), null, 2)}\n`;
}

export interface ImportPlan {
  readonly added: readonly Workspace[];
  readonly summary: ImportSummary;
}

/** Plans an import against the existing workspaces; ids that collide get new ones, names get " (imported)". */
export function planImport(
  text: string,
  existing: readonly Workspace[],
  newId: () => string,
  now: number,
): Result<ImportPlan> {
  const parsed = parseExportFile(text);
  if (!parsed.ok) {
    return fail({
      code: WorkbenchCodes.ImportInvalid,
      message: `The file was not imported: ${parsed.problems.join('; ')}`,
      retryable: false,
    });
  }
  const incoming = parsed.value.workspaces;
  if (existing.length + incoming.length > WORKSPACE_LIMITS.workspaces) {
    return fail({
      code: WorkbenchCodes.ImportInvalid,
      message: `The file was not imported: it would make ${existing.length + incoming.length} workspaces, more than the ${WORKSPACE_LIMITS.workspaces} allowed`,
      retryable: false,
    });
  }
  const takenIds = new Set(existing.map((w) => w.id));
  const takenNames = new Set(existing.map((w) => w.name));
  let reassignedIds = 0;
  let devicesWithoutToken = 0;
  const added: Workspace[] = [];
  const imported: { id: string; name: string; renamedFrom?: string }[] = [];
  for (const w of incoming) {
    let id = w.id;
    if (takenIds.has(id)) {
      id = newId();
      reassignedIds++;
    }
    takenIds.add(id);
    const name = uniqueName(w.name, takenNames);
    takenNames.add(name);
    const deviceIds = new Set<string>();
    const devices = w.devices.map((d) => {
      if (d.deviceToken === '') devicesWithoutToken++;
      const deviceId = deviceIds.has(d.id) ? newId() : d.id;
      deviceIds.add(deviceId);
      return { ...d, id: deviceId };
    });
    added.push({ ...w, id, name, devices, createdAt: now, updatedAt: now });
    imported.push(name === w.name ? { id, name } : { id, name, renamedFrom: w.name });
  }
  return ok({ added, summary: { imported, reassignedIds, devicesWithoutToken } });
}

export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    const candidate = name.slice(0, WORKSPACE_LIMITS.name - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
