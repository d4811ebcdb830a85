/**
 * Device tokens at rest through Electron's safeStorage (Keychain on macOS,
 * DPAPI on Windows, libsecret/kwallet on Linux). Where Linux offers only the
 * "basic_text" backend, safeStorage would merely obfuscate, so we report it
 * as unavailable and the app says tokens are stored in plain text.
 */
import type { SafeStorage } from 'electron';
import type { Encryptor } from '../store/encryption';

export function safeStorageEncryptor(safeStorage: SafeStorage, platform: NodeJS.Platform): Encryptor {
  const available = () =>
    safeStorage.isEncryptionAvailable() && (platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    isAvailable: available,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
