/**
 * The "Push readiness" region: opened from an endpoint's "Check push
 * readiness", filled in as `doctor:check` events arrive, then the report's
 * summary; each check a listitem with its verdict word, detail and fix, the
 * fix copied as AWS CLI with the "Copied" status; the VoIP toggle and "Check
 * all endpoints" re-run; a stale run's events are ignored.
 */
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CheckReadinessButton } from '../../../src/renderer/src/features/doctor/CheckReadinessButton';
import { DoctorRegion } from '../../../src/renderer/src/features/doctor/DoctorRegion';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { USER_ARN } from '../registration/fixtures';
import type { DoctorCheck, DoctorReport } from '../../../src/shared/doctor/report';
import type { DoctorRunInput } from '../../../src/shared/ipc/doctorContract';
import type { Result } from '../../../src/shared/errors';
import type { Endpoint } from '../../../src/renderer/src/features/endpoints/endpointsSlice';

const FIX_COMMANDS = [
  'aws pinpoint create-app --create-application-request Name=demo --region us-east-1',
  'aws chime-sdk-identity register-app-instance-user-endpoint --type APNS --region us-east-1',
];
const FAIL: DoctorCheck = {
  name: 'Pinpoint app exists',
  verdict: 'fail',
  detail: 'The Pinpoint app a1b2 does not exist.',
  fix: { text: 'Create the app, then register the endpoint again with its ARN.', commands: FIX_COMMANDS },
  uses: ['GetApp (mobiletargeting:GetApp)'],
};
const PASS: DoctorCheck = { name: 'Endpoint state', verdict: 'pass', detail: 'The endpoint is ACTIVE.', uses: [] };
const WARN: DoctorCheck = {
  name: 'VoIP push channel',
  verdict: 'warning',
  detail: "The app's APNs VoIP channel is missing.",
  uses: ['GetApnsVoipChannel (mobiletargeting:GetApnsVoipChannel)'],
};
const ENDPOINTS = [
  { EndpointId: 'ep-1', Name: "Kim's iPhone", AppInstanceUserArn: USER_ARN },
  { EndpointId: 'ep-2', Name: "Kim's iPad", AppInstanceUserArn: USER_ARN },
] as Endpoint[];

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(handlers: FakeHandlers = {}) {
  const runs: Array<{ input: DoctorRunInput; answer: ReturnType<typeof deferred<Result<DoctorReport>>> }> = [];
  const api = installFakeApi({
    'doctor:run': (input) => {
      const answer = deferred<Result<DoctorReport>>();
      runs.push({ input, answer });
      return answer.promise;
    },
    ...handlers,
  });
  useAppStore.setState({ selectedUserArn: USER_ARN, endpoints: { key: USER_ARN, loading: false, value: ENDPOINTS } });
  // Routes the event as App's subscribeToMain does.
  window.workbench['doctor:check']((e) => useAppStore.getState().doctorCheckArrived(e));
  const user = userEvent.setup();
  render(
    <>
      <CheckReadinessButton endpointId="ep-1" />
      <DoctorRegion />
    </>,
  );
  const lastRun = () => {
    const run = runs.at(-1);
    if (!run) throw new Error('doctor:run was not called');
    return run;
  };
  return { api, user, runs, lastRun };
}

const report = (endpoints: DoctorReport['endpoints']): Result<DoctorReport> => ({
  ok: true,
  value: { userArn: USER_ARN, channel: { arn: `${USER_ARN}/channel/c1`, how: 'tagged' }, endpoints },
});

describe('DoctorRegion', () => {
  it('is closed until a row asks, then shows checks as they arrive and the summary at the end', async () => {
    const { api, user, lastRun } = setup();
    expect(screen.queryByRole('region', { name: 'Push readiness' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    const region = await screen.findByRole('region', { name: 'Push readiness' });
    const run = lastRun();
    expect(run.input).toMatchObject({ userArn: USER_ARN, endpointId: 'ep-1', voip: false });

    api.emit('doctor:check', { runId: run.input.runId, endpointId: 'ep-1', check: FAIL });
    const item = await within(region).findByRole('listitem');
    expect(item).toHaveTextContent('Fail');
    expect(item).toHaveTextContent('Pinpoint app exists');
    expect(within(region).getByText('Checking… (1 done)')).toHaveAttribute('role', 'status');

    run.answer.resolve(report([{ endpointId: 'ep-1', name: "Kim's iPhone", checks: [PASS, FAIL] }]));
    expect(await within(region).findByText('0 of 1 endpoint ready')).toBeInTheDocument();
    const items = within(region).getAllByRole('listitem');
    expect(items.map((i) => i.textContent?.slice(0, 4))).toEqual(['Pass', 'Fail']);
    expect(items[1]).toHaveTextContent('The Pinpoint app a1b2 does not exist.');
    expect(items[1]).toHaveTextContent('Create the app, then register the endpoint again with its ARN.');
    expect(items[1]).toHaveTextContent('GetApp (mobiletargeting:GetApp)');
    expect(region).toHaveTextContent('the tagged test channel');
    // A Pass has no fix to copy.
    expect(within(items[0]!).queryByRole('button', { name: 'Copy fix as AWS CLI' })).not.toBeInTheDocument();
  });

  it('copies the fix commands, one per line, and says Copied', async () => {
    const { user, lastRun } = setup();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    lastRun().answer.resolve(report([{ endpointId: 'ep-1', checks: [FAIL] }]));
    const item = await screen.findByRole('listitem');
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(within(item).getByRole('button', { name: 'Copy fix as AWS CLI' }));
    expect(await within(item).findByText('Copied')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(FIX_COMMANDS.join('\n'));
  });

  it('shows the commands selected for a manual copy when the clipboard refuses', async () => {
    const { user, lastRun } = setup();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    lastRun().answer.resolve(report([{ endpointId: 'ep-1', checks: [FAIL] }]));
    const item = await screen.findByRole('listitem');
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
      configurable: true,
    });
    await user.click(within(item).getByRole('button', { name: 'Copy fix as AWS CLI' }));
    expect(await within(item).findByRole('textbox', { name: 'AWS CLI commands' })).toHaveValue(FIX_COMMANDS.join('\n'));
    expect(within(item).queryByText('Copied')).not.toBeInTheDocument();
  });

  it('re-runs with VoIP when toggled, and for every endpoint of the user on "Check all endpoints"', async () => {
    const { user, runs, lastRun } = setup();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    lastRun().answer.resolve(report([{ endpointId: 'ep-1', checks: [PASS] }]));
    const region = await screen.findByRole('region', { name: 'Push readiness' });
    await within(region).findByText('1 of 1 endpoint ready');

    await user.click(within(region).getByRole('switch', { name: 'VoIP' }));
    expect(lastRun().input).toMatchObject({ endpointId: 'ep-1', voip: true });
    lastRun().answer.resolve(report([{ endpointId: 'ep-1', checks: [PASS, WARN] }]));
    expect(await within(region).findByText('Warning')).toBeInTheDocument();
    // A Warning is not a Fail: still ready.
    expect(within(region).getByText('1 of 1 endpoint ready')).toBeInTheDocument();

    await user.click(within(region).getByRole('button', { name: 'Check all endpoints' }));
    expect(lastRun().input).toMatchObject({ voip: true });
    expect(lastRun().input).not.toHaveProperty('endpointId');
    lastRun().answer.resolve(
      report([
        { endpointId: 'ep-1', name: "Kim's iPhone", checks: [PASS] },
        { endpointId: 'ep-2', name: "Kim's iPad", checks: [FAIL] },
      ]),
    );
    expect(await within(region).findByText('1 of 2 endpoints ready')).toBeInTheDocument();
    expect(within(region).getByRole('list', { name: "Checks of Kim's iPad" })).toHaveTextContent('Fail');
    expect(within(region).getByRole('heading', { name: "Kim's iPhone" })).toBeInTheDocument();
    expect(runs).toHaveLength(3);
  });

  it("a re-run while running replaces the run, and its late checks and answer are ignored", async () => {
    const { api, user, runs, lastRun } = setup();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    const region = await screen.findByRole('region', { name: 'Push readiness' });
    await user.click(within(region).getByRole('button', { name: 'Re-run' }));
    const [first, second] = runs;
    api.emit('doctor:check', { runId: first!.input.runId, endpointId: 'ep-1', check: FAIL });
    first!.answer.resolve({ ok: false, error: { code: 'Cancelled', message: 'replaced', retryable: false } });
    second!.answer.resolve(report([{ endpointId: 'ep-1', checks: [PASS] }]));
    expect(await within(region).findByText('1 of 1 endpoint ready')).toBeInTheDocument();
    expect(within(region).queryByText('Fail')).not.toBeInTheDocument();
    expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
    expect(lastRun()).toBe(second);
  });

  it('checks the preferences in a named channel, and back in the tagged one when cleared', async () => {
    const { user, lastRun } = setup();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    expect(lastRun().input).not.toHaveProperty('channelArn');
    const region = await screen.findByRole('region', { name: 'Push readiness' });
    const channelArn = `${USER_ARN.replace(/\/user\/.*/, '')}/channel/named`;
    await user.type(within(region).getByRole('textbox', { name: 'Channel ARN' }), channelArn);
    await user.click(within(region).getByRole('button', { name: 'Check in this channel' }));
    expect(lastRun().input).toMatchObject({ endpointId: 'ep-1', channelArn });
    lastRun().answer.resolve({ ok: true, value: { userArn: USER_ARN, channel: { arn: channelArn, how: 'given' }, endpoints: [{ endpointId: 'ep-1', checks: [PASS] }] } });
    expect(await within(region).findByText(/the given channel/)).toBeInTheDocument();
    // Kept for the user's re-runs.
    await user.click(within(region).getByRole('switch', { name: 'VoIP' }));
    expect(lastRun().input).toMatchObject({ channelArn, voip: true });

    await user.clear(within(region).getByRole('textbox', { name: 'Channel ARN' }));
    await user.click(within(region).getByRole('button', { name: 'Check in this channel' }));
    expect(lastRun().input).not.toHaveProperty('channelArn');
  });

  it('judges the preferences for the message attributes typed, refusing a malformed pair', async () => {
    const { user, lastRun } = setup();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    const region = await screen.findByRole('region', { name: 'Push readiness' });
    const field = within(region).getByRole('textbox', { name: 'Message attributes' });
    await user.type(field, 'mention');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(within(region).getByRole('alert')).toHaveTextContent('"mention" is not KEY=VALUE');
    expect(within(region).getByRole('button', { name: 'Judge this message' })).toBeDisabled();
    await user.type(field, '=Bob, team=ios');
    await user.click(within(region).getByRole('button', { name: 'Judge this message' }));
    expect(lastRun().input).toMatchObject({ messageAttributes: { mention: { StringValues: ['Bob'] }, team: { StringValues: ['ios'] } } });
    // The field shows the judged attributes again after the re-run (a new element).
    const judged = within(region).getByRole('textbox', { name: 'Message attributes' });
    expect(judged).toHaveValue('mention=Bob, team=ios');
    await user.clear(judged);
    await user.click(within(region).getByRole('button', { name: 'Judge this message' }));
    expect(lastRun().input).not.toHaveProperty('messageAttributes');
  });

  it('says why when the doctor cannot run, with a retry', async () => {
    const { user, runs, lastRun } = setup();
    await user.click(screen.getByRole('button', { name: 'Check push readiness' }));
    lastRun().answer.resolve({ ok: false, error: { code: 'ServiceUnavailable', message: 'The service is unavailable.', retryable: true } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not run the push-readiness checks.');
    expect(alert).toHaveTextContent('The service is unavailable.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(runs).toHaveLength(2));
  });
});
