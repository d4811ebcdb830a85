/**
 * On a sandbox (`--endpoint-url`, the Local sandbox connection) the APNs and
 * FCM emulators are found through `GET /_sandbox/health` (`"apns"`, `"fcm"`),
 * and the sandbox CA (`GET /_sandbox/ca.pem`) is trusted for those APNs
 * connections only.
 */
import { z } from 'zod';
import type { DirectPushServiceOptions } from './directPushService';

const healthSchema = z.object({
  apns: z.object({ production: z.url(), sandbox: z.url() }),
  fcm: z.url(),
});

export async function sandboxDirectPushOptions(
  sandboxUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<DirectPushServiceOptions> {
  const base = sandboxUrl.replace(/\/+$/, '');
  const health = healthSchema.safeParse(await (await fetchImpl(`${base}/_sandbox/health`)).json());
  if (!health.success)
    throw new Error(
      `${base} is not a sandbox with the APNs and FCM emulators (its /_sandbox/health lists no "apns" and "fcm").`,
    );
  const caRes = await fetchImpl(`${base}/_sandbox/ca.pem`);
  if (!caRes.ok) throw new Error(`${base}/_sandbox/ca.pem answered ${caRes.status}.`);
  const ca = await caRes.text();
  return { apns: { hosts: health.data.apns, ca }, fcm: { baseUrl: health.data.fcm } };
}
