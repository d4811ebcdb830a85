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
import { DirectPushCredentialError, loadApnsCertificate, WrongPassphraseError, type KeySource } from './credentials';

/** `.p8` keys are ~250 bytes and service accounts ~2.5 KB: anything far larger is not a key file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

export interface HeldKeyFile extends ChosenKeyFile {
  readonly bytes: Buffer;
  /** A certificate's passphrase once it opened the file (kept in memory only, for TLS). */
  readonly passphrase?: string;
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
    const bytes = await readFile(path);
    return kind === 'apnsCert' ? this.holdCertificate(fileName, bytes) : this.hold(kind, fileName, bytes);
  }

  /**
   * Holds a `.p12`, opened at once when it has no passphrase; otherwise answered `locked` until `unlock`.
   * A file that is no usable certificate (not PKCS#12, legacy RC2 encryption, no private key) is refused here.
   */
  async holdCertificate(fileName: string, bytes: Buffer): Promise<ChosenKeyFile> {
    const chosen = this.hold('apnsCert', fileName, bytes);
    try {
      return await this.unlock(chosen.handle, '');
    } catch (error) {
      if (error instanceof WrongPassphraseError)
        return this.#put({ ...chosen, bytes, locked: true });
      this.#held.delete(chosen.handle);
      throw error;
    }
  }

  /** Opens the held certificate with `passphrase` (checked by TLS as a push will use it) and keeps it unlocked. */
  async unlock(handle: string, passphrase: string): Promise<ChosenKeyFile> {
    const held = this.#held.get(handle);
    if (held?.kind !== 'apnsCert')
      throw new DirectPushCredentialError('Choose the certificate file again: the app no longer holds the one chosen.');
    await loadApnsCertificate({ bytes: held.bytes, name: held.fileName }, passphrase);
    return this.#put({ handle, kind: held.kind, fileName: held.fileName, bytes: held.bytes, passphrase });
  }

  #put(held: HeldKeyFile): ChosenKeyFile {
    this.#held.set(held.handle, held);
    return { handle: held.handle, kind: held.kind, fileName: held.fileName, ...(held.locked && { locked: true }) };
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
    if (held.locked) throw new DirectPushCredentialError(`Enter the certificate passphrase for ${held.fileName}.`);
    return { bytes: held.bytes, name: held.fileName, ...(held.passphrase !== undefined && { passphrase: held.passphrase }) };
  };
}
