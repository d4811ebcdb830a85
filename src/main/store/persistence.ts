/**
 * Persistence behind a small interface, so services never see electron-store.
 * The app opens documents with electron-store (electronStoreAdapter.ts); tests
 * open the same documents with `conf`, which electron-store extends.
 *
 * Recovery: a file that is not JSON, that the JSON schema rejects, or whose
 * contents our zod schema rejects is renamed to `<name>.corrupt-<timestamp>.json`
 * and the store starts empty, with a notice main shows the user. conf would
 * otherwise clear such a file in place (`clearInvalidConfig`), losing what the
 * user had, so we turn that off and do the moving ourselves before conf ever
 * gets to write.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What a service reads and writes: one whole JSON document. */
export interface PersistentDocument<T> {
  read(): T;
  write(value: T): void;
  readonly path: string;
}

export type StoreNotice =
  | { readonly kind: 'store-recovered'; readonly file: string; readonly movedTo: string; readonly reason: string }
  | { readonly kind: 'tokens-unreadable'; readonly workspaceId: string; readonly deviceIds: readonly string[] }
  | { readonly kind: 'encryption-unavailable' };

/** The part of the conf/electron-store API we use. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

/** The conf options we pass; electron-store takes the same, with `name` for `configName`. */
export interface ConfLikeOptions {
  cwd: string;
  configName: string;
  projectVersion: string;
  migrations?: Record<string, (store: MigrationStore) => void>;
  schema?: Record<string, unknown>;
  defaults: Record<string, unknown>;
  clearInvalidConfig: false;
  accessPropertiesByDotNotation: false;
}

/** What a migration step is handed (conf passes the store instance itself). */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly store: Record<string, unknown>;
}

export type ConfConstructor = (options: ConfLikeOptions) => ConfLike;

export interface DocumentSpec<T> {
  /** File name without `.json`. */
  readonly name: string;
  /** Semver of the layout; conf records it and runs `migrations` up to it. */
  readonly version: string;
  readonly migrations?: Record<string, (store: MigrationStore) => void>;
  /** JSON schema per top-level key (conf's `schema` option), checked on every write too. */
  readonly jsonSchema?: Record<string, unknown>;
  readonly defaults: T;
  /** Deep validation after migrations; throws (any error) when the contents are unusable. */
  readonly validate: (raw: unknown) => T;
}

/** Opens documents in one directory; the factory services are given. */
export type DocumentOpener = <T extends Record<string, unknown>>(spec: DocumentSpec<T>) => {
  readonly document: PersistentDocument<T>;
  readonly notices: readonly StoreNotice[];
};

export interface ConfOpenerOptions {
  readonly cwd: string;
  readonly create: ConfConstructor;
  /** For the timestamp in the moved-aside file name. */
  readonly now?: () => number;
}

export function createConfOpener({ cwd, create, now = Date.now }: ConfOpenerOptions): DocumentOpener {
  return <T extends Record<string, unknown>>(spec: DocumentSpec<T>) => {
    const notices: StoreNotice[] = [];
    const file = path.join(cwd, `${spec.name}.json`);
    const options: ConfLikeOptions = {
      cwd,
      configName: spec.name,
      projectVersion: spec.version,
      ...(spec.migrations ? { migrations: spec.migrations } : {}),
      ...(spec.jsonSchema ? { schema: spec.jsonSchema } : {}),
      defaults: { ...spec.defaults },
      clearInvalidConfig: false,
      // Keys such as ARNs contain dots; we only ever read and write whole documents.
      accessPropertiesByDotNotation: false,
    };

    // The bytes as we found them: conf may already have written migrations or defaults into the
    // file by the time our own validation rejects it, and the user should get back what they had.
    let original = readIfExists(file);
    const recover = (reason: string): void => {
      const movedTo = moveAside(file, original, now());
      original = undefined;
      notices.push({ kind: 'store-recovered', file, movedTo, reason });
    };

    const precheck = original === undefined ? undefined : unreadableReason(original);
    if (precheck) recover(precheck);

    let conf: ConfLike;
    let value: T;
    try {
      conf = create(options);
      value = spec.validate(conf.store);
    } catch (error) {
      if (!isContentError(error)) throw error;
      recover(describe(error));
      conf = create(options);
      value = spec.validate(conf.store);
    }

    let cached: T | undefined = value;
    const document: PersistentDocument<T> = {
      path: conf.path,
      read: () => (cached ??= spec.validate(conf.store)),
      write: (next) => {
        conf.store = next;
        cached = next;
      },
    };
    return { document, notices };
  };
}

function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // Missing (first launch) or unreadable: conf reports the latter itself.
  }
}

/** JSON that does not parse: caught before conf reads it, whatever conf would do with it. */
function unreadableReason(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the file does not hold a JSON object';
    return undefined;
  } catch {
    return 'the file is not valid JSON';
  }
}

/** Errors that say the file's contents are bad (as opposed to EACCES, disk full…). */
function isContentError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ('code' in error && typeof (error as { code: unknown }).code === 'string') return false;
  return true;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `the contents did not match the expected layout (${message.slice(0, 300)})`;
}

function moveAside(file: string, original: Buffer | undefined, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const parsed = path.parse(file);
  let target = path.join(parsed.dir, `${parsed.name}.corrupt-${stamp}.json`);
  for (let n = 1; fs.existsSync(target); n++) target = path.join(parsed.dir, `${parsed.name}.corrupt-${stamp}-${n}.json`);
  if (original === undefined) {
    fs.renameSync(file, target);
  } else {
    fs.writeFileSync(target, original, { flag: 'wx' });
    fs.rmSync(file, { force: true });
  }
  return target;
}
