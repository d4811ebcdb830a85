/**
 * Issue 10: the safeStorage adapter had no test, so treating Linux's
 * `basic_text` backend (obfuscation with a hard-coded key) as real encryption
 * passed every test. A fake safeStorage stands in for Electron's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SafeStorage } from 'electron';
import { safeStorageEncryptor } from '../../../src/main/platform/safeStorageEncryptor';
import { openToken, sealToken } from '../../../src/main/store/encryption';
import { WorkspaceService } from '../../../src/main/store/workspaceService';
import { PINPOINT_ARN, confOpener, tempDir } from './helpers';

function fakeSafeStorage(available: boolean, backend: string): SafeStorage {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.from(`sealed(${plain})`, 'utf8'),
    decryptString: (sealed: Buffer) => {
      const text = sealed.toString('utf8');
      const m = /^sealed\((.*)\)$/s.exec(text);
      if (!m) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return m[1]!;
    },
  } as unknown as SafeStorage;
}

describe('safeStorageEncryptor', () => {
  it.each([
    ['linux', 'gnome_libsecret', true],
    ['linux', 'kwallet5', true],
    ['linux', 'kwallet6', true],
    ['linux', 'basic_text', false],
    ['linux', 'unknown', true],
    ['darwin', 'unknown', true],
    ['win32', 'unknown', true],
  ] as const)('on %s with backend %s, encryption available = %s', (platform, backend, expected) => {
    expect(safeStorageEncryptor(fakeSafeStorage(true, backend), platform).isAvailable()).toBe(expected);
  });

  it('is unavailable wherever safeStorage says so', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(safeStorageEncryptor(fakeSafeStorage(false, 'gnome_libsecret'), platform).isAvailable()).toBe(false);
    }
  });

  it('round-trips through safeStorage as base64', () => {
    const encryptor = safeStorageEncryptor(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    const sealed = encryptor.encrypt('token-1');
    expect(sealed).toBe(Buffer.from('sealed(token-1)').toString('base64'));
    expect(encryptor.decrypt(sealed)).toBe('token-1');
    expect(openToken(encryptor, sealToken(encryptor, 'token-2'))).toBe('token-2');
    expect(() => encryptor.decrypt(Buffer.from('other').toString('base64'))).toThrow();
  });

  it('with basic_text, stores tokens in plain text and says so, rather than pretending to encrypt', async () => {
    const dir = tempDir();
    const service = new WorkspaceService({ open: confOpener(dir), encryptor: safeStorageEncryptor(fakeSafeStorage(true, 'basic_text'), 'linux') });
    expect(service.encryptionAvailable).toBe(false);
    expect(service.notices()).toContainEqual({ kind: 'encryption-unavailable' });
    const w = service.restore();
    if (!w.ok) throw new Error(w.error.message);
    service.addDevice(w.value.id, { label: 'Pixel', type: 'GCM', deviceToken: 'fcm:plain', pinpointAppArn: PINPOINT_ARN });
    await service.flush();
    const text = readFileSync(`${dir}/workspaces.json`, 'utf8');
    expect(text).toContain('fcm:plain');
    expect(text).not.toContain('enc:v1:');
  });
});
