/** Issue 10: the register form's token linter at the APNs boundaries (63/64/65 hex, empty, odd lengths). */
import { describe, expect, it } from 'vitest';
import { lintDeviceToken } from './tokenLinter';

const hex = (n: number) => 'a1b2c3d4e5f6'.repeat(Math.ceil(n / 12) + 1).slice(0, n);
const APNS_CASES: Array<[string, number, boolean]> = [
  ['empty', 0, false],
  ['one character', 1, false],
  ['62 (whole bytes, too short)', 62, false],
  ['63 (odd)', 63, false],
  ['64', 64, true],
  ['65 (odd)', 65, false],
  ['66 (whole bytes, too long)', 66, false],
  ['127 (odd)', 127, false],
  ['128 (whole bytes, too long)', 128, false],
];

describe('APNs token boundaries in the register form linter', () => {
  it.each(APNS_CASES)('%s hex characters', (_name, n, ok) => {
    for (const voip of [false, true]) {
      const lint = lintDeviceToken('APNS', hex(n), { voip });
      if (ok) {
        expect(lint.error, `voip=${voip}`).toBeUndefined();
        expect(lint.warning, `voip=${voip}`).toBeUndefined();
      } else if (n === 0) {
        // The device token is required; the VoIP token is optional.
        expect(lint.error === undefined, `voip=${voip}`).toBe(voip);
      } else {
        // Odd lengths cannot be bytes: an error; whole bytes of another length: at least a warning.
        expect(n % 2 === 1 ? lint.error : (lint.error ?? lint.warning), `voip=${voip}`).toBeDefined();
      }
    }
  });
});

