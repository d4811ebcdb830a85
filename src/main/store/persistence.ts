/**
 * Persistence behind a small interface, so services never see electron-store.
 * The app opens documents with electron-store (electronStoreAdapter.ts); tests
 * open the same documents with `conf`, which electron-store extends.
 *
 * Recovery: a file that is not JSON, that the JSON schema rejects, or whose
 * contents our zod schema rejects is renamed to `<name>.corrupt-<timestamp>.json`
 * and the store starts empty, with a notice main shows the user. A file
 * written by a newer layout version is set aside whole
 * (`<name>.from-version-X-<timestamp>.json`), never loaded and rewritten. A
 * file that cannot be read at all (a folder, no permission) leaves the
 * document in memory only, with a notice, so the app still starts. conf would
 * otherwise clear such a file in place (`clearInvalidConfig`), losing what the
 * user had, so we turn that off and do the moving ourselves before conf ever
 * gets to write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatPath } from '../../shared/workspace/exportFile';
import { AtomicFileWriter, IncrementalSerializer } from './documentWriter';

/** What a service reads and writes: one whole JSON document. */
export interface PersistentDocument<T> {
  read(): T;
  /**
   * Makes `value` the document at once and saves it in the background
   * (documentWriter.ts). `value` must not be mutated afterwards.
   */
  write(value: T): void;
  /** Resolves when every write so far is on disk or has failed (and been reported). */
  flush(): Promise<void>;
  /** A save that failed (disk full, permissions); the change is kept in memory. */
  onWriteError(listener: (error: Error) => void): () => void;
  readonly path: string;
}

export type StoreNotice =
  | { readonly kind: 'store-recovered'; readonly file: string; readonly movedTo: string; readonly reason: string; readonly what: string }
  | { readonly kind: 'store-newer'; readonly file: string; readonly movedTo: string; readonly version: string; readonly what: string }
  | { readonly kind: 'store-unavailable'; readonly file: string; readonly reason: string; readonly what: string }
  | { readonly kind: 'store-repaired'; readonly file: string; readonly details: readonly string[] }
  | { readonly kind: 'store-write-failed'; readonly file: string; readonly reason: string }
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
  /** What the file holds, in words for notices ("workspaces", "endpoint history"). */
  readonly what: string;
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
    const unavailable = (error: unknown) => {
      notices.push({ kind: 'store-unavailable', file, reason: errorReason(error), what: spec.what });
      return { document: inMemoryDocument(spec.defaults, file), notices };
    };

    // The bytes as we found them: conf may already have written migrations or defaults into the
    // file by the time our own validation rejects it, and the user should get back what they had.
    removeStaleTempFiles(cwd, spec.name);
    const found = readIfExists(file);
    if (found instanceof Error) return unavailable(found);
    let original = found;
    const recover = (reason: string): void => {
      const movedTo = moveAside(file, original, 'corrupt', now());
      original = undefined;
      notices.push({ kind: 'store-recovered', file, movedTo, reason, what: spec.what });
    };

    if (original !== undefined) {
      const checked = checkBytes(original);
      if (typeof checked === 'string') recover(checked);
      else {
        // conf would load a newer layout as it is and rewrite it marked newer still; set it aside untouched instead.
        const version = recordedVersion(checked);
        if (version !== undefined && compareVersions(version, spec.version) > 0) {
          const movedTo = moveAside(file, original, `from-version-${version.replace(/[^0-9A-Za-z.-]/g, '_')}`, now());
          original = undefined;
          notices.push({ kind: 'store-newer', file, movedTo, version, what: spec.what });
        }
      }
    }

    let conf: ConfLike;
    let value: T;
    try {
      conf = create(options);
      value = spec.validate(conf.store);
    } catch (error) {
      if (!isContentError(error)) return unavailable(error);
      recover(describe(error));
      try {
        conf = create(options);
        value = spec.validate(conf.store);
      } catch (again) {
        return unavailable(again);
      }
    }

    // conf reads and migrates; saving is ours (documentWriter.ts). The version conf keeps in
    // `__internal__` is written back so the next launch runs no migration again.
    const internal = { migrations: { version: spec.version } };
    const serializer = new IncrementalSerializer();
    serializer.primeInBackground(value);
    const writer = new AtomicFileWriter(conf.path);
    let current: T = value;
    const document: PersistentDocument<T> = {
      path: conf.path,
      read: () => current,
      write: (next) => {
        const pieces = serializer.serialize({ ...next, __internal__: internal });
        current = next;
        writer.write(pieces);
      },
      flush: () => writer.flush(),
      onWriteError: (listener) => writer.onError(listener),
    };
    return { document, notices };
  };
}

/** Temp files of saves a crash interrupted (documentWriter.ts names them `.<name>.json.<pid>.<n>.tmp`); the document itself is whole. */
function removeStaleTempFiles(dir: string, name: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${name}.json.`;
  for (const entry of entries) if (entry.startsWith(prefix) && entry.endsWith('.tmp')) fs.rmSync(path.join(dir, entry), { force: true });
}

/** A document that lives in memory only: the app keeps working when its file cannot be used at all. */
function inMemoryDocument<T>(defaults: T, file: string): PersistentDocument<T> {
  let current = structuredClone(defaults);
  return {
    path: file,
    read: () => current,
    write: (next) => {
      current = next;
    },
    flush: async () => undefined,
    onWriteError: () => () => undefined,
  };
}

function readIfExists(file: string): Buffer | undefined | Error {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    // Missing is a first launch; anything else (a directory, no permission) means the file cannot be used.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The parsed object, or why it is unusable: caught before conf reads it, whatever conf would do with it. */
function checkBytes(bytes: Buffer): Record<string, unknown> | string {
  const text = bytes.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the file does not hold a JSON object';
    return parsed as Record<string, unknown>;
  } catch {
    return 'the file is not valid JSON';
  }
}

/** The layout version conf recorded in the file (`__internal__.migrations.version`). */
function recordedVersion(parsed: Record<string, unknown>): string | undefined {
  const internal = parsed.__internal__ as { migrations?: { version?: unknown } } | undefined;
  const version = internal?.migrations?.version;
  return typeof version === 'string' ? version : undefined;
}

/** Compares `major.minor.patch` numerically; anything unparsable counts as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Errors that say the file's contents are bad (as opposed to EACCES, disk full…). */
function isContentError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ('code' in error && typeof (error as { code: unknown }).code === 'string') return false;
  return true;
}

function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'the app is not allowed to read or write it';
  const message = error instanceof Error ? error.message.split('\n', 1)[0] ?? '' : String(error);
  return code ? `${code}: ${message.slice(0, 200)}` : message.slice(0, 200);
}

/**
 * What is wrong with the contents, in plain words and where: "workspaces[2].region:
 * expected a string, received a number" (first three problems), not raw zod JSON.
 */
export function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    const problems = error.issues.slice(0, 3).map((issue) => `${formatPath(issue.path) || '(the whole file)'}: ${plainIssue(issue)}`);
    const more = error.issues.length - problems.length;
    return `the contents do not match the expected layout: ${problems.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // conf's JSON-schema message: "Config schema violation: `workspaces/0/name` must be string; …"
  const schema = /^Config schema violation: (.*)$/s.exec(message);
  const detail = (schema ? schema[1] ?? '' : message).split('\n', 1)[0] ?? '';
  return `the contents do not match the expected layout: ${detail.replace(/`([^`]*)`/g, (_m, p: string) => p.replace(/\//g, '.')).slice(0, 300)}`;
}

function plainIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unexpected member${issue.keys.length === 1 ? '' : 's'} ${issue.keys.slice(0, 5).join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of ${issue.values.slice(0, 10).map(String).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

function moveAside(file: string, original: Buffer | undefined, label: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const parsed = path.parse(file);
  let target = path.join(parsed.dir, `${parsed.name}.${label}-${stamp}.json`);
  for (let n = 1; fs.existsSync(target); n++) target = path.join(parsed.dir, `${parsed.name}.${label}-${stamp}-${n}.json`);
  if (original === undefined) {
    fs.renameSync(file, target);
  } else {
    fs.writeFileSync(target, original, { flag: 'wx' });
    fs.rmSync(file, { force: true });
  }
  return target;
}
