/** DELETE /_sandbox/devices/{DeviceId} through the sandbox's HTTP server: removed with its deliveries, persisted, 404 JSON, no browser Origin. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startTestSandbox } from './support';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-device-removal-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const json = async (response: Response) => ({ status: response.status, type: response.headers.get('x-amzn-errortype'), body: (await response.json()) as Record<string, unknown> });

test('DELETE /_sandbox/devices/{DeviceId} removes the device and its deliveries, and the removal survives a restart', async () => {
  const dataFile = join(dir, 'state.json');
  const first = await startTestSandbox({ dataFile });
  const url = first.sandbox.url;
  const post = (body: unknown) => fetch(`${url}/_sandbox/devices`, { method: 'POST', body: JSON.stringify(body) }).then(json);
  const mine = await post({ Platform: 'APNS_SANDBOX', Name: 'Mine', CreatedBy: 'workbench' });
  const other = await post({ Platform: 'GCM', Name: 'Someone else’s' });
  expect(mine.body).toMatchObject({ Name: 'Mine', CreatedBy: 'workbench' });
  expect(other.body['CreatedBy']).toBeUndefined();
  const mineId = String(mine.body['DeviceId']);
  first.sandbox.pushCloud.devices.recordDelivery({ DeviceId: mineId, DeviceToken: String(mine.body['DeviceToken']), Via: 'APNS', PushType: 'alert', Title: 'Hi', Body: 'b', Payload: {} });

  // A browser page cannot remove a device (the router refuses every /_sandbox/ route with an Origin).
  const refused = await fetch(`${url}/_sandbox/devices/${mineId}`, { method: 'DELETE', headers: { Origin: 'http://localhost:3000' } });
  expect(refused.status).toBe(403);
  expect(first.sandbox.pushCloud.devices.get(mineId)).toBeDefined();

  const removed = await json(await fetch(`${url}/_sandbox/devices/${encodeURIComponent(mineId)}`, { method: 'DELETE' }));
  expect(removed).toMatchObject({ status: 200, body: { DeviceId: mineId, Name: 'Mine' } });
  const listed = await json(await fetch(`${url}/_sandbox/devices`));
  expect((listed.body['Devices'] as { DeviceId: string }[]).map((d) => d.DeviceId)).toEqual([other.body['DeviceId']]);
  expect((await json(await fetch(`${url}/_sandbox/deliveries?DeviceId=${mineId}`))).body).toEqual({ Deliveries: [] });
  // Its token no longer names a simulated phone.
  expect(first.sandbox.pushCloud.devices.findByToken(String(mine.body['DeviceToken']))).toBeUndefined();

  const again = await json(await fetch(`${url}/_sandbox/devices/${mineId}`, { method: 'DELETE' }));
  expect(again).toMatchObject({ status: 404, type: 'NotFoundException', body: { Message: `No simulated device ${mineId}` } });
  await first.close();

  const second = await startTestSandbox({ dataFile });
  const restored = await json(await fetch(`${second.sandbox.url}/_sandbox/devices`));
  expect(restored.body['Devices']).toEqual([expect.objectContaining({ DeviceId: other.body['DeviceId'] })]);
  await second.close();
});

test('CreatedBy is checked like the other fields', async () => {
  const t = await startTestSandbox({});
  const bad = await json(await fetch(`${t.sandbox.url}/_sandbox/devices`, { method: 'POST', body: JSON.stringify({ Platform: 'APNS', CreatedBy: '' }) }));
  expect(bad).toMatchObject({ status: 400, type: 'BadRequestException' });
  expect(t.sandbox.pushCloud.devices.list()).toEqual([]);
  await t.close();
});
