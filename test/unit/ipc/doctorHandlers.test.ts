/**
 * `doctor:run` through the dispatcher, as the renderer calls it, against the
 * embedded demo sandbox (main's services wired as the app wires them): each
 * demo user's misconfiguration is found with its fix pointed at the
 * sandbox, the checks stream as `doctor:check` events of the run, a second
 * run cancels the first, and bad input is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { createConfOpener, type ConfLike } from '../../../src/main/store/persistence';
import { plainTextEncryptor } from '../../../src/main/store/encryption';
import { readinessSummary, type CheckName, type DoctorReport } from '../../../src/shared/doctor/report';
import type { DoctorCheckEvent } from '../../../src/shared/ipc/doctorContract';
import type { Result } from '../../../src/shared/errors';

let dir: string;
let services: MainServices;
let sandboxUrl: string;
const users = new Map<string, string>();
const checkEvents: DoctorCheckEvent[] = [];

const dispatch = <T>(channel: string, input?: unknown) =>
  services.dispatcher.dispatch(channel, input, true) as Promise<Result<T>>;
const call = async <T>(channel: string, input?: unknown): Promise<T> => {
  const result = await dispatch<T>(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
};
const userArn = (name: string): string => {
  const arn = users.get(name);
  if (!arn) throw new Error(`no demo user ${name}`);
  return arn;
};
const endpointOf = (report: DoctorReport) => {
  expect(report.endpoints).toHaveLength(1);
  return report.endpoints[0]!;
};
const checkOf = (report: DoctorReport, name: CheckName) => endpointOf(report).checks.find((c) => c.name === name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'doctor-handlers-'));
  services = await createMainServices({
    userDataDir: dir,
    openDocuments: createConfOpener({ cwd: dir, create: (o) => new Conf(o as never) as unknown as ConfLike }),
    encryptor: plainTextEncryptor,
    notify: () => undefined,
    openExternal: async () => undefined,
    appVersion: 'test',
    platform: 'linux',
    profileSource: { env: {}, homeDir: dir },
    sandboxValidationDelayMs: 50,
  });
  services.bus.subscribe((event, payload) => {
    if (event === 'doctor:check') checkEvents.push(payload as DoctorCheckEvent);
  });
  sandboxUrl = services.sandboxUrl;
  await call('connection:select', { connection: { kind: 'sandbox' }, region: 'us-east-1' });
  const { AppInstances } = await call<{ AppInstances: { AppInstanceArn: string }[] }>('chime:ListAppInstances', {});
  for (const { AppInstanceArn } of AppInstances) {
    const listed = await call<{ AppInstanceUsers: { AppInstanceUserArn: string }[] }>('chime:ListAppInstanceUsers', {
      AppInstanceArn,
      MaxResults: 50,
    });
    for (const u of listed.AppInstanceUsers) users.set(u.AppInstanceUserArn.split('/').pop()!, u.AppInstanceUserArn);
  }
  // Let the validation delay pass, so INACTIVE states are settled.
  await new Promise((r) => setTimeout(r, 100));
}, 60_000);

afterAll(async () => {
  await services?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('doctor:run', () => {
  it("finds Kim's deleted Pinpoint app, with a fix pointed at the sandbox, and streams the run's checks", async () => {
    const report = await call<DoctorReport>('doctor:run', { runId: 'kim-1', userArn: userArn('kim') });
    const app = checkOf(report, 'Pinpoint app exists');
    expect(app?.verdict).toBe('fail');
    expect(app?.uses).toEqual(['GetApp (mobiletargeting:GetApp)']);
    expect(app?.fix?.commands.length).toBeGreaterThan(0);
    for (const command of app?.fix?.commands ?? []) {
      expect(command).toMatch(/^aws /);
      expect(command).toContain(`--endpoint-url ${sandboxUrl}`);
      expect(command).toContain('--region us-east-1');
    }
    expect(readinessSummary(report)).toBe('0 of 1 endpoint ready');

    // Every check of the report arrived as an event of this run, and nothing else did.
    const streamed = checkEvents.filter((e) => e.runId === 'kim-1');
    const { endpointId, checks } = endpointOf(report);
    expect(streamed.every((e) => e.endpointId === endpointId)).toBe(true);
    expect(streamed.map((e) => e.check.name).sort()).toEqual(checks.map((c) => c.name).sort());
  });

  it("finds Hank's muted channel membership and names the channel it checked", async () => {
    const report = await call<DoctorReport>('doctor:run', { runId: 'hank', userArn: userArn('hank') });
    expect(checkOf(report, 'Delivery preferences')?.verdict).toBe('fail');
    expect(report.channel?.how).toBe('tagged');
  });

  it("warns about Ivan's missing VoIP channel, and the VoIP toggle asks for a VoIP token", async () => {
    const ivan = await call<DoctorReport>('doctor:run', { runId: 'ivan', userArn: userArn('ivan') });
    // Ivan's endpoint has a VoIP token, so the VoIP channel is looked at without the toggle.
    expect(checkOf(ivan, 'VoIP push channel')?.verdict).toBe('warning');
    expect(checkOf(ivan, 'VoIP push channel')?.fix?.commands.join('\n')).toContain('update-apns-voip-channel');
    expect(checkOf(ivan, 'VoIP device token')?.verdict).toBe('pass');
    // Hank's endpoint has none: only with the toggle is its absence a finding.
    const plain = await call<DoctorReport>('doctor:run', { runId: 'hank-1', userArn: userArn('hank') });
    const voip = await call<DoctorReport>('doctor:run', { runId: 'hank-2', userArn: userArn('hank'), voip: true });
    expect(checkOf(plain, 'VoIP device token')).toBeUndefined();
    expect(checkOf(voip, 'VoIP device token')?.verdict).not.toBe('pass');
  });

  it('checks one endpoint when asked, and every endpoint of the user without one', async () => {
    const all = await call<DoctorReport>('doctor:run', { runId: 'gina-all', userArn: userArn('gina') });
    expect(all.endpoints.length).toBeGreaterThan(0);
    const first = all.endpoints[0]!;
    const one = await call<DoctorReport>('doctor:run', {
      runId: 'gina-one',
      userArn: userArn('gina'),
      endpointId: first.endpointId,
    });
    expect(one.endpoints.map((e) => e.endpointId)).toEqual([first.endpointId]);
    // Gina's sandbox token registered as APNS looks like any APNs token to the AWS APIs: only a push
    // reveals it (README "Push readiness"), so the doctor calls her endpoint ready.
    expect(readinessSummary(one)).toBe('1 of 1 endpoint ready');
  });

  it('a second run cancels the first, which then answers Cancelled', async () => {
    const first = dispatch<DoctorReport>('doctor:run', { runId: 'a', userArn: userArn('judy') });
    const second = dispatch<DoctorReport>('doctor:run', { runId: 'b', userArn: userArn('judy') });
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok ? 'ok' : a.error.code).toBe('Cancelled');
    expect(b.ok).toBe(true);
  });

  it('judges a FILTERED preference for the message the developer names (messageAttributes)', async () => {
    const hank = userArn('hank');
    const muted = await call<DoctorReport>('doctor:run', { runId: 'filtered-0', userArn: hank });
    const channelArn = muted.channel?.arn ?? '';
    const filtered = { mode: 'Filtered', filterRule: '{"mention":["Hank"]}' };
    await call('push:setPreference', { channelArn, memberArn: hank, preference: filtered });
    try {
      const none = await call<DoctorReport>('doctor:run', { runId: 'filtered-1', userArn: hank });
      expect(checkOf(none, 'Delivery preferences')?.verdict).toBe('fail');
      const other = await call<DoctorReport>('doctor:run', { runId: 'filtered-2', userArn: hank, messageAttributes: { mention: { StringValues: ['Bob'] } } });
      expect(checkOf(other, 'Delivery preferences')?.verdict).toBe('fail');
      const matching = await call<DoctorReport>('doctor:run', { runId: 'filtered-3', userArn: hank, messageAttributes: { mention: { StringValues: ['Hank'] } } });
      expect(checkOf(matching, 'Delivery preferences')?.verdict).toBe('pass');
    } finally {
      await call('push:setPreference', { channelArn, memberArn: hank, preference: { mode: 'Mute' } });
    }
  });

  it('refuses a malformed user ARN without running', async () => {
    const before = checkEvents.length;
    const result = await dispatch('doctor:run', { runId: 'bad', userArn: 'not-an-arn' });
    expect(result.ok ? 'ok' : result.error.code).toBe('InvalidInput');
    expect(checkEvents.length).toBe(before);
  });
});
