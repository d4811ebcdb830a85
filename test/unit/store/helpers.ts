import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll } from 'vitest';
import { createConfOpener, type ConfLike, type DocumentOpener } from '../../../src/main/store/persistence';
import type { Encryptor } from '../../../src/main/store/encryption';

const made: string[] = [];
/** A temp folder, removed after the test file (issue 10: tests left ~40 behind per run). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-store-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export const FIXED_NOW = Date.UTC(2025, 0, 2, 3, 4, 5);

/** conf stands in for electron-store (which needs Electron); same options, same file. */
export function confOpener(cwd: string, now: () => number = () => FIXED_NOW): DocumentOpener {
  return createConfOpener({ cwd, now, create: (options) => new Conf(options as never) as unknown as ConfLike });
}

/** Reversible and not the identity: the plain token never appears in what it returns. */
export const testEncryptor: Encryptor = {
  isAvailable: () => true,
  encrypt: (plain) => Buffer.from(`sealed:${[...plain].reverse().join('')}`).toString('base64'),
  decrypt: (base64) => {
    const text = Buffer.from(base64, 'base64').toString('utf8');
    if (!text.startsWith('sealed:')) throw new Error('not ours');
    return [...text.slice('sealed:'.length)].reverse().join('');
  },
};

/** An encryptor on another machine: available, but cannot read what testEncryptor sealed. */
export const foreignEncryptor: Encryptor = {
  isAvailable: () => true,
  encrypt: (plain) => Buffer.from(`other:${plain}`).toString('base64'),
  decrypt: () => {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  },
};

let counter = 0;
export const sequentialIds = (): (() => string) => {
  const prefix = `id${++counter}`;
  let n = 0;
  return () => `${prefix}-${++n}`;
};

export const APNS_TOKEN = 'a'.repeat(63) + 'f';
export const PINPOINT_ARN = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/0123456789abcdef0123456789abcdef';
export const USER_ARN = 'arn:aws:chime:us-east-1:000000000000:app-instance/11111111-2222-3333-4444-555555555555/user/alice';
