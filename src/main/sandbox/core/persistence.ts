/**
 * `--data FILE`: the whole state (every service's slice, the NextToken secret
 * and the ClientRequestToken history) as one JSON document.
 *
 * Durability: a mutating call is answered only once its change is on disk.
 * `commit()` joins the next group write: the writes of a short window
 * (`windowMs`, 2 ms by default) are batched into one snapshot, written to a
 * temp file in the same folder, fsynced, renamed over the file, and the folder
 * fsynced, so a crash (kill -9, power loss) leaves the old or the new file,
 * never half of one, and never loses an acknowledged write. A failed write
 * fails the calls waiting on it (they answer 500: not acknowledged).
 *
 * A file that cannot be read back is reported and renamed aside with a
 * timestamp; it is never overwritten, so no one loses data to a sandbox
 * upgrade or a typo. Temp files a crash left behind are removed at start.
 */
import { existsSync } from 'node:fs';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** 1: Identity only (`appInstances`); 2: every service's slice plus `core`. */
export const FILE_VERSION = 2;

export interface Persistable {
  /** The document to write (called synchronously at the start of each group write). */
  snapshot(): Record<string, unknown>;
  /** Replaces the state with the document; throws when it is not a sandbox state file. */
  restore(data: Record<string, unknown>): void;
  /** Empties the state (after a corrupt file was set aside). */
  reset(): void;
}

export type LoadOutcome = { kind: 'missing' } | { kind: 'loaded' } | { kind: 'corrupt'; movedTo: string; reason: string };

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class DataFile {
  private waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  /** Writes done (for tests and the bench). */
  writes = 0;

  constructor(
    private readonly file: string,
    private readonly state: Persistable,
    private readonly log: (line: string) => void,
    private readonly windowMs = 2,
  ) {}

  async load(): Promise<LoadOutcome> {
    await this.removeStaleTempFiles();
    if (!existsSync(this.file)) return { kind: 'missing' };
    try {
      const data = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not a JSON object');
      const version = (data as { version?: unknown }).version;
      if (version !== 1 && version !== FILE_VERSION) throw new Error(`unknown version ${JSON.stringify(version)}`);
      this.state.restore(data as Record<string, unknown>);
      return { kind: 'loaded' };
    } catch (error) {
      this.state.reset();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const movedTo = `${this.file}.corrupt-${stamp}`;
      await rename(this.file, movedTo);
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      this.log(`sandbox: ${this.file} is not a readable sandbox state (${reason}); kept aside as ${movedTo}, starting empty`);
      return { kind: 'corrupt', movedTo, reason };
    }
  }

  /** Resolves once the state as it is now is on disk (joins the next group write). */
  commit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Kept for callers that do not wait: schedules a write. */
  markDirty(): void {
    void this.commit().catch(() => {});
  }

  /** Writes now if anything is pending and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.run();
    }
    while (this.writing) await this.writing;
  }

  private schedule(): void {
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.windowMs);
  }

  private async run(): Promise<void> {
    if (this.writing || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    // The snapshot is taken now: every change whose caller is in `batch` is already applied.
    const text = JSON.stringify(this.state.snapshot());
    this.writing = this.writeDurably(text).then(
      () => {
        this.writes++;
        for (const w of batch) w.resolve();
      },
      (error: unknown) => {
        this.log(`sandbox: could not write ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
        for (const w of batch) w.reject(error);
      },
    );
    await this.writing;
    this.writing = undefined;
    if (this.waiting.length > 0) this.schedule();
  }

  private async writeDurably(text: string): Promise<void> {
    const tmp = `${this.file}.tmp-${process.pid}`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    // The rename itself is durable only once the folder is synced.
    const folder = await open(dirname(this.file), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }

  private async removeStaleTempFiles(): Promise<void> {
    const folder = dirname(this.file);
    const prefix = `${basename(this.file)}.tmp-`;
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return;
    }
    for (const name of names) if (name.startsWith(prefix)) await unlink(join(folder, name)).catch(() => {});
  }
}
