/**
 * Device tokens at rest. Main implements `Encryptor` with Electron's
 * safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on
 * Linux); where the OS offers none (a Linux session without a keyring, where
 * safeStorage falls back to a hard-coded key, see
 * https://www.electronjs.org/docs/latest/api/safe-storage) main reports it
 * unavailable and tokens are stored as plain text, which the UI and the README
 * say. Stored form of an encrypted value: `enc:v1:<base64>`.
 */

export interface Encryptor {
  isAvailable(): boolean;
  /** Returns base64 ciphertext. */
  encrypt(plain: string): string;
  /** Takes base64 ciphertext; throws when it cannot decrypt. */
  decrypt(base64: string): string;
}

export const ENCRYPTED_PREFIX = 'enc:v1:';

/** An Encryptor that never encrypts: for platforms without OS key storage. */
export const plainTextEncryptor: Encryptor = {
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('Encryption is not available');
  },
  decrypt: () => {
    throw new Error('Encryption is not available');
  },
};

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(ENCRYPTED_PREFIX);
}

export function sealToken(encryptor: Encryptor, plain: string): string {
  // An empty token (stripped for sharing) has nothing to hide; keeping it empty keeps "no token" visible.
  if (plain === '' || !encryptor.isAvailable()) return plain;
  return ENCRYPTED_PREFIX + encryptor.encrypt(plain);
}

/** `undefined` when the value is encrypted and cannot be decrypted here (another machine, keyring reset). */
export function openToken(encryptor: Encryptor, stored: string): string | undefined {
  if (!isEncrypted(stored)) return stored;
  if (!encryptor.isAvailable()) return undefined;
  try {
    return encryptor.decrypt(stored.slice(ENCRYPTED_PREFIX.length));
  } catch {
    return undefined;
  }
}
