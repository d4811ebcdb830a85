/**
 * Key files main has read for the app (chosen in the native file chooser, or
 * restored from the store), each under a random handle. The renderer holds
 * handles and file names only; a push names its key file by handle, and a
 * string that is no handle here is refused rather than read as a path, so the
 * renderer can never make main open a file of its choosing.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ChosenKeyFile, KeyFileKind } from '../../../shared/ipc/directPushContract';
import { DirectPushCredentialError, type KeySource } from './credentials';

/** `.p8` keys are ~250 bytes and service accounts ~2.5 KB: anything far larger is not a key file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

export interface HeldKeyFile extends ChosenKeyFile {
  readonly bytes: Buffer;
}

export class KeyHandles {
  readonly #held = new Map<string, HeldKeyFile>();

  constructor(private readonly max = 32) {}

  /** Reads the file at `path` (a path the native chooser answered) and holds it. */
  async read(kind: KeyFileKind, path: string): Promise<ChosenKeyFile> {
    const fileName = basename(path);
    const size = await stat(path).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -1,
    );
    if (size < 0) throw new DirectPushCredentialError(`${fileName} cannot be opened: it is not a readable file.`);
    if (size > MAX_KEY_FILE_BYTES)
      throw new DirectPushCredentialError(`${fileName} is ${size} bytes: that is not a key file (at most 64 KB).`);
    return this.hold(kind, fileName, await readFile(path));
  }

  hold(kind: KeyFileKind, fileName: string, bytes: Buffer): ChosenKeyFile {
    const handle = randomUUID();
    this.#held.set(handle, { handle, kind, fileName, bytes });
    // Each choice and each settings load adds one; the oldest go first.
    for (const old of this.#held.keys()) {
      if (this.#held.size <= this.max) break;
      this.#held.delete(old);
    }
    return { handle, kind, fileName };
  }

  get(handle: string): HeldKeyFile | undefined {
    return this.#held.get(handle);
  }

  /** For `DirectPushService#send`: a handle to the bytes it stands for. */
  resolve = (handle: string): KeySource => {
    const held = this.#held.get(handle);
    if (!held) throw new DirectPushCredentialError('Choose the key file again: the app no longer holds the one chosen.');
    return { bytes: held.bytes, name: held.fileName };
  };
}
