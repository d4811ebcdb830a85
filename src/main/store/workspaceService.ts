/**
 * Workspaces and settings. State lives in memory with plain-text tokens; every
 * change is validated, sealed (tokens encrypted where the OS can) and written
 * as one document, and only then becomes the state, so a failed write changes
 * nothing. Methods return `Result` values, never throw, because they are what
 * the IPC handlers call.
 */
import { z } from 'zod';
import { fail, ok, WorkbenchCodes, type Result } from '../../shared/errors';
import { DEFAULT_REGION } from '../../shared/aws/regions';
import type { ImportSummary } from '../../shared/workspace/exportFile';
import {
  WORKSPACE_LIMITS,
  deviceInputSchema,
  settingsPatchSchema,
  workspacePatchSchema,
  type Connection,
  type Device,
  type DeviceInput,
  type Settings,
  type SettingsPatch,
  type Workspace,
  type WorkspacePatch,
} from '../../shared/workspace/workspace';
import { plainTextEncryptor, type Encryptor } from './encryption';
import type { DocumentOpener, PersistentDocument, StoreNotice } from './persistence';
import { openLayout, originalKey, sealLayout, type SealCache, type SealedOriginals } from './tokenSealing';
import { exportWorkspaces, planImport, uniqueName } from './workspaceTransfer';
import { MAX_EXPORT_CHARS, MAX_EXPORT_TEXT } from '../../shared/limits';
import { workspaceDocumentSpec, type StoredLayout } from './workspaceLayout';

export interface WorkspaceServiceOptions {
  readonly open: DocumentOpener;
  readonly encryptor?: Encryptor;
  readonly now?: () => number;
  readonly newId?: () => string;
}

interface State {
  readonly workspaces: readonly Workspace[];
  readonly settings: Settings;
}

export const DEFAULT_WORKSPACE_NAME = 'My workspace';
const nameSchema = z.string().trim().min(1).max(WORKSPACE_LIMITS.name);

const invalid = (message: string): Result<never> => fail({ code: WorkbenchCodes.InvalidInput, message, retryable: false });

function validate<T>(schema: z.ZodType<T>, value: unknown): Result<T> {
  const r = schema.safeParse(value);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  return invalid(`${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
}

export class WorkspaceService {
  readonly encryptionAvailable: boolean;
  readonly #document: PersistentDocument<StoredLayout>;
  readonly #encryptor: Encryptor;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #notices: StoreNotice[];
  /** Ciphertexts this machine could not decrypt, kept so a write does not drop them. */
  #originals: SealedOriginals;
  readonly #sealed: SealCache = new WeakMap();
  #state: State;

  constructor({ open, encryptor = plainTextEncryptor, now = Date.now, newId = () => crypto.randomUUID() }: WorkspaceServiceOptions) {
    this.#encryptor = encryptor;
    this.#now = now;
    this.#newId = newId;
    this.encryptionAvailable = encryptor.isAvailable();
    const opened = open(workspaceDocumentSpec);
    this.#document = opened.document;
    this.#notices = [...opened.notices];
    if (!this.encryptionAvailable) this.#notices.push({ kind: 'encryption-unavailable' });
    const stored = this.#document.read();
    const { workspaces, originals, notices } = openLayout(stored, encryptor);
    // What was loaded is already sealed: the first save reuses it instead of sealing everything again.
    workspaces.forEach((w, i) => {
      const sealed = stored.workspaces[i];
      if (sealed) this.#sealed.set(w, sealed);
    });
    this.#notices.push(...notices);
    this.#originals = originals;
    const repaired = repairDuplicateIds(workspaces, originals, this.#newId);
    this.#state = { workspaces: repaired.workspaces, settings: this.#document.read().settings };
    if (repaired.details.length > 0) {
      this.#notices.push({ kind: 'store-repaired', file: this.#document.path, details: repaired.details });
      this.#commit(this.#state, undefined);
    }
  }

  /** Resolves once every change so far is on disk (main awaits it before quitting). */
  flush(): Promise<void> {
    return this.#document.flush();
  }

  /** A save that failed in the background; the change stays in memory and the next change saves again. */
  onWriteError(listener: (notice: StoreNotice) => void): () => void {
    return this.#document.onWriteError((error) =>
      listener({ kind: 'store-write-failed', file: this.#document.path, reason: error.message.split('\n', 1)[0] ?? String(error) }),
    );
  }

  /** Things main should tell the user once (recovered file, tokens that could not be decrypted, no encryption). */
  notices(): readonly StoreNotice[] {
    return this.#notices;
  }

  list(): readonly Workspace[] {
    return this.#state.workspaces;
  }

  get(id: string): Result<Workspace> {
    const w = this.#state.workspaces.find((x) => x.id === id);
    return w ? ok(w) : invalid(`No workspace with id ${id}`);
  }

  settings(): Settings {
    return this.#state.settings;
  }

  create(input: { name: string; connection?: Connection; region?: string }): Result<Workspace> {
    const name = validate(nameSchema, input.name);
    if (!name.ok) return name;
    if (this.#state.workspaces.length >= WORKSPACE_LIMITS.workspaces) return invalid(`At most ${WORKSPACE_LIMITS.workspaces} workspaces`);
    const at = this.#now();
    const base: Workspace = {
      id: this.#newId(),
      name: name.value,
      connection: { kind: 'sandbox' },
      region: DEFAULT_REGION,
      watchList: [],
      devices: [],
      createdAt: at,
      updatedAt: at,
    };
    const patch = validate(workspacePatchSchema, { connection: input.connection, region: input.region });
    if (!patch.ok) return patch;
    const workspace = applyPatch(base, patch.value, at);
    return this.#commit({ ...this.#state, workspaces: [...this.#state.workspaces, workspace] }, workspace);
  }

  rename(id: string, newName: string): Result<Workspace> {
    const name = validate(nameSchema, newName);
    if (!name.ok) return name;
    return this.#change(id, (w, at) => ({ ...w, name: name.value, updatedAt: at }));
  }

  duplicate(id: string, newName?: string): Result<Workspace> {
    const source = this.get(id);
    if (!source.ok) return source;
    const taken = new Set(this.#state.workspaces.map((w) => w.name));
    const name = newName ?? uniqueName(`${source.value.name} copy`.slice(0, WORKSPACE_LIMITS.name), taken);
    const created = this.create({ name });
    if (!created.ok) return created;
    const { id: _id, name: _name, createdAt: _c, updatedAt: _u, ...contents } = source.value;
    return this.#change(created.value.id, (w) => ({ ...w, ...contents, devices: contents.devices.map((d) => ({ ...d })) }));
  }

  delete(id: string): Result<void> {
    if (!this.get(id).ok) return invalid(`No workspace with id ${id}`);
    const { lastWorkspaceId, ...rest } = this.#state.settings;
    const settings = lastWorkspaceId === id ? rest : this.#state.settings;
    const r = this.#commit({ workspaces: this.#state.workspaces.filter((w) => w.id !== id), settings }, undefined);
    return r.ok ? ok(undefined) : r;
  }

  /** Makes `id` the workspace restored on the next launch. */
  switch(id: string): Result<Workspace> {
    const w = this.get(id);
    if (!w.ok) return w;
    return this.#commit({ ...this.#state, settings: { ...this.#state.settings, lastWorkspaceId: id } }, w.value);
  }

  update(id: string, patch: WorkspacePatch): Result<Workspace> {
    const valid = validate(workspacePatchSchema, patch);
    if (!valid.ok) return valid;
    return this.#change(id, (w, at) => applyPatch(w, valid.value, at));
  }

  addDevice(id: string, input: DeviceInput): Result<Device> {
    const valid = validate(deviceInputSchema, input);
    if (!valid.ok) return valid;
    const device: Device = { ...valid.value, id: this.#newId() };
    const r = this.#change(id, (w, at) =>
      w.devices.length >= WORKSPACE_LIMITS.devices ? undefined : { ...w, devices: [...w.devices, device], updatedAt: at },
    );
    return r.ok ? ok(device) : r;
  }

  removeDevice(id: string, deviceId: string): Result<void> {
    const r = this.#change(id, (w, at) =>
      w.devices.some((d) => d.id === deviceId) ? { ...w, devices: w.devices.filter((d) => d.id !== deviceId), updatedAt: at } : undefined,
    );
    return r.ok ? ok(undefined) : r;
  }

  updateSettings(patch: SettingsPatch): Result<Settings> {
    const valid = validate(settingsPatchSchema, patch);
    if (!valid.ok) return valid;
    const { lastWorkspaceId, ...rest } = valid.value;
    const settings: Settings = { ...this.#state.settings, ...definedOnly(rest) };
    if (lastWorkspaceId === null) delete settings.lastWorkspaceId;
    else if (lastWorkspaceId !== undefined) settings.lastWorkspaceId = lastWorkspaceId;
    const r = this.#commit({ ...this.#state, settings }, undefined);
    return r.ok ? ok(settings) : r;
  }

  /**
   * On launch: the last workspace, else the first, else a new "My workspace"
   * on `first` (the default AWS profile, when main found one) or the Local sandbox.
   */
  restore(first?: { readonly connection: Connection; readonly region: string }): Result<Workspace> {
    const { lastWorkspaceId } = this.#state.settings;
    const last = this.#state.workspaces.find((w) => w.id === lastWorkspaceId) ?? this.#state.workspaces[0];
    if (last) return lastWorkspaceId === last.id ? ok(last) : this.switch(last.id);
    const created = this.create({ name: DEFAULT_WORKSPACE_NAME, ...(first ?? {}) });
    return created.ok ? this.switch(created.value.id) : created;
  }

  /** JSON text of the workspaces with these ids, in the store's order (all when no ids are given); without tokens for sharing. */
  export(options: { ids?: readonly string[]; includeDeviceTokens: boolean }): Result<string> {
    let selected = this.#state.workspaces;
    if (options.ids !== undefined) {
      const missing = options.ids.find((id) => !selected.some((w) => w.id === id));
      if (missing !== undefined) return this.get(missing) as Result<never>;
      const wanted = new Set(options.ids);
      selected = selected.filter((w) => wanted.has(w.id));
    }
    if (selected.length === 0) return invalid('There is no workspace to export');
    const text = exportWorkspaces(selected, options.includeDeviceTokens, this.#now());
    // What we write we must be able to read back (src/shared/limits.ts).
    if (text.length > MAX_EXPORT_CHARS) {
      return invalid(`The export would be larger than ${MAX_EXPORT_TEXT}, the most an import reads: export fewer workspaces at a time, or without device tokens`);
    }
    return ok(text);
  }

  import(text: string): Result<ImportSummary> {
    const plan = planImport(text, this.#state.workspaces, this.#newId, this.#now());
    if (!plan.ok) return plan;
    const r = this.#commit({ ...this.#state, workspaces: [...this.#state.workspaces, ...plan.value.added] }, undefined);
    return r.ok ? ok(plan.value.summary) : r;
  }

  #change(id: string, edit: (w: Workspace, at: number) => Workspace | undefined): Result<Workspace> {
    const current = this.get(id);
    if (!current.ok) return current;
    const next = edit(current.value, this.#now());
    if (!next) return invalid('Nothing to change (unknown device, or a list is full)');
    return this.#commit({ ...this.#state, workspaces: this.#state.workspaces.map((w) => (w.id === id ? next : w)) }, next);
  }

  #commit<T>(next: State, value: T): Result<T> {
    try {
      this.#document.write(sealLayout(next.workspaces, next.settings, this.#encryptor, this.#originals, this.#sealed));
    } catch (error) {
      return fail({
        code: WorkbenchCodes.StoreError,
        message: `Could not save workspaces: ${error instanceof Error ? error.message : String(error)}`,
        retryable: true,
      });
    }
    this.#state = next;
    return ok(value);
  }
}

function applyPatch(w: Workspace, patch: WorkspacePatch, at: number): Workspace {
  const next: Workspace = { ...w, updatedAt: at };
  if (patch.connection) next.connection = patch.connection;
  if (patch.region) next.region = patch.region;
  if (patch.watchList) next.watchList = dedupeTargets(patch.watchList);
  if (patch.registrationDefaults) next.registrationDefaults = patch.registrationDefaults;
  if (patch.testPushes) next.testPushes = patch.testPushes;
  for (const key of ['appInstanceArn', 'selectedUserArn'] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

function dedupeTargets(list: Workspace['watchList']): Workspace['watchList'] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const key = `${t.userArn}#${t.endpointId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Two workspaces with one id (or two devices with one id in a workspace) made
 * a rename or delete of one hit both. Later duplicates get new ids; nothing
 * is dropped, and what changed is said to the user.
 */
export function repairDuplicateIds(
  workspaces: readonly Workspace[],
  originals: SealedOriginals,
  newId: () => string,
): { workspaces: Workspace[]; details: string[] } {
  const details: string[] = [];
  const seen = new Set<string>();
  const repaired = workspaces.map((w) => {
    let id = w.id;
    if (seen.has(id)) {
      id = newId();
      details.push(`workspace "${w.name}" shared its id with another and was given a new one`);
    }
    seen.add(id);
    const deviceIds = new Set<string>();
    let changed = id !== w.id;
    const devices = w.devices.map((d) => {
      const kept = originals.get(originalKey(w.id, d.id));
      let deviceId = d.id;
      if (deviceIds.has(deviceId)) {
        deviceId = newId();
        changed = true;
        details.push(`device "${d.label}" in workspace "${w.name}" shared its id with another and was given a new one`);
      }
      deviceIds.add(deviceId);
      if (kept && (id !== w.id || deviceId !== d.id)) originals.set(originalKey(id, deviceId), kept);
      return deviceId === d.id ? d : { ...d, id: deviceId };
    });
    return changed ? { ...w, id, devices } : w;
  });
  return { workspaces: repaired, details };
}
