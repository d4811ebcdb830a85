/**
 * Opaque, tamper-evident NextTokens: base64url(JSON {scope, key}) + "." +
 * base64url(HMAC-SHA256 truncated to 16 bytes) under a per-server secret.
 * The scope binds a token to the list it came from, so a token from one
 * AppInstance's users cannot page another's. The secret is persisted with
 * the data (`--data`), so a token stays valid across a restart as long as
 * the list it points into still exists; without data it dies with the
 * process, like an expired token on the real service.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badRequest } from './errors';
import type { OrderedMap } from './orderedMap';

/** The model sets no default page size; 10 is what the Chime APIs return when MaxResults is left out. */
export const DEFAULT_PAGE_SIZE = 10;

export class PageTokens {
  constructor(private secret: Buffer = randomBytes(32)) {}

  toJSON(): string {
    return this.secret.toString('hex');
  }

  fromJSON(data: unknown): void {
    if (typeof data === 'string' && /^[0-9a-f]{64}$/.test(data)) this.secret = Buffer.from(data, 'hex');
  }

  encode(scope: string, key: string): string {
    const payload = Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The key to continue after; BadRequestException for anything this server did not issue for `scope`. */
  decode(scope: string, token: string): string {
    const [payload, mac, extra] = token.split('.');
    if (payload && mac && extra === undefined) {
      const given = Buffer.from(mac, 'base64url');
      const expected = this.mac(payload);
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s?: unknown; k?: unknown };
        if (parsed.s === scope && typeof parsed.k === 'string') return parsed.k;
      }
    }
    throw badRequest('Invalid NextToken: the token is malformed, expired or belongs to another request');
  }

  /** One page of `map` for a List* operation, with the NextToken to continue. */
  page<V>(map: OrderedMap<V>, scope: string, input: { MaxResults?: number; NextToken?: string }, defaultSize = DEFAULT_PAGE_SIZE) {
    const after = input.NextToken ? this.decode(scope, input.NextToken) : undefined;
    const { items, lastKey, more } = map.page(after, input.MaxResults ?? defaultSize);
    return { items, NextToken: more && lastKey !== undefined ? this.encode(scope, lastKey) : undefined };
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest().subarray(0, 16);
  }
}
