/**
 * Saving a large document without stalling main's event loop (issue 10:
 * every small change to an 8 MB store was a blocking 40–50 ms write, plus
 * conf re-reading and re-validating the whole file each time).
 *
 * - Serialization is incremental: the elements of each top-level array
 *   (workspaces) are stringified once per object and cached by identity, so
 *   a change to one workspace re-serializes that workspace only. This relies
 *   on the services never mutating a value after handing it to `write`
 *   (they build new objects for every change).
 * - The write is asynchronous and atomic: a temp file in the same folder is
 *   written and fsynced, then renamed over the document, so a crash leaves
 *   the old or the new file, never half of one. Writes coalesce: while one
 *   is in flight only the newest pending text is kept.
 * - `flush()` resolves when everything written so far is on disk; failures
 *   go to the `onError` listeners (the service tells the user).
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The document as a list of UTF-8 pieces, written with one gathered write:
 * joining 8 MB into one string and encoding it cost ~25 ms of main's time on
 * every save, so neither is done; cached pieces are reused as they are.
 */
export class IncrementalSerializer {
  readonly #cache = new WeakMap<object, Buffer>();

  serialize(document: Readonly<Record<string, unknown>>): Buffer[] {
    const pieces: Buffer[] = [];
    let text = '{';
    let first = true;
    for (const [key, value] of Object.entries(document)) {
      if (value === undefined) continue;
      text += `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      if (!Array.isArray(value)) {
        text += JSON.stringify(value);
        continue;
      }
      text += '[';
      value.forEach((item, i) => {
        if (i > 0) text += ',';
        pieces.push(Buffer.from(text, 'utf8'));
        text = '';
        pieces.push(this.#item(item));
      });
      text += ']';
    }
    pieces.push(Buffer.from(`${text}}`, 'utf8'));
    return pieces;
  }

  /**
   * Serializes the array elements of a loaded document a few at a time in
   * the background, so the first save after launch is as cheap as the others.
   */
  primeInBackground(document: Readonly<Record<string, unknown>>, sliceMs = 4): void {
    const items = Object.values(document).flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : []));
    let next = 0;
    const step = () => {
      const until = performance.now() + sliceMs;
      while (next < items.length && performance.now() < until) this.#item(items[next++]);
      if (next < items.length) setTimeout(step, 0).unref();
    };
    if (items.length > 0) setTimeout(step, 0).unref();
  }

  #item(item: unknown): Buffer {
    if (typeof item !== 'object' || item === null) return Buffer.from(JSON.stringify(item) ?? 'null', 'utf8');
    let piece = this.#cache.get(item);
    if (piece === undefined) {
      piece = Buffer.from(JSON.stringify(item) ?? 'null', 'utf8');
      this.#cache.set(item, piece);
    }
    return piece;
  }
}

export class AtomicFileWriter {
  readonly #file: string;
  readonly #listeners = new Set<(error: Error) => void>();
  #pending: readonly Buffer[] | undefined;
  #running: Promise<void> | undefined;
  #counter = 0;

  constructor(file: string) {
    this.#file = file;
  }

  write(pieces: readonly Buffer[]): void {
    this.#pending = pieces;
    this.#running ??= this.#drain();
  }

  /** Resolves once every text given to `write` so far is on disk (or has failed and been reported). */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
  }

  onError(listener: (error: Error) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending !== undefined) {
        const pieces = this.#pending;
        this.#pending = undefined;
        try {
          await this.#writeAtomically(pieces);
        } catch (error) {
          for (const listener of this.#listeners) listener(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.#running = undefined;
    }
  }

  async #writeAtomically(pieces: readonly Buffer[]): Promise<void> {
    const temp = path.join(path.dirname(this.#file), `.${path.basename(this.#file)}.${process.pid}.${++this.#counter}.tmp`);
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      // Batches below IOV_MAX (1024 on Linux and macOS); each writev loops until all bytes are written.
      for (let i = 0; i < pieces.length; i += 512) await handle.writev(pieces.slice(i, i + 512));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, this.#file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
}
