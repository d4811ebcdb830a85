/**
 * Tokens for simulated phones, shaped as the real ones so the app's own rules
 * (src/shared/chime/deviceTokens.ts) accept them for the right endpoint type
 * and refuse them for the wrong one:
 * - APNs (and PushKit VoIP): 32 random bytes as 64 lowercase hex characters.
 * - FCM: `<instance id>:APA91b<base64url>`, as Firebase prints them: a
 *   22-character instance id, a colon, then a 134-character payload (163 in all).
 */
import { randomBytes } from 'node:crypto';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64urlChars(count: number): string {
  const bytes = randomBytes(count);
  let out = '';
  for (const byte of bytes) out += BASE64URL[byte & 63];
  return out;
}

export function newApnsToken(): string {
  return randomBytes(32).toString('hex');
}

export function newFcmToken(): string {
  return `${base64urlChars(22)}:APA91b${base64urlChars(128)}`;
}
