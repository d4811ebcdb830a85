import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  SimulatedDevicesButton,
  SimulatedDevicesPanel,
} from '../../../src/renderer/src/features/devices/SimulatedDevicesPanel';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { HEX64, VOIP64, seedStore } from '../registration/fixtures';
import type { SandboxDelivery, SandboxDevice } from '../../../src/shared/push/deliveries';

const PHONE: SandboxDevice = {
  DeviceId: 'dev-1',
  Name: 'Ada dev iPhone',
  Platform: 'APNS_SANDBOX',
  Voip: true,
  DeviceToken: HEX64,
  VoipDeviceToken: VOIP64,
  Created: '2026-11-30T10:00:00.000Z',
};
const PIXEL: SandboxDevice = {
  DeviceId: 'dev-2',
  Name: 'Pixel',
  Platform: 'GCM',
  Voip: false,
  DeviceToken: 'fcm-token',
  Created: '2026-11-30T09:00:00.000Z',
};
const delivery = (id: string, deviceId: string, title: string): SandboxDelivery => ({
  DeliveryId: id,
  Time: '2026-11-30T10:05:00.000Z',
  DeviceId: deviceId,
  DeviceToken: HEX64,
  Via: 'CHIME',
  PushType: 'DEFAULT',
  Title: title,
  Body: 'body',
  Payload: {},
});

function setup(handlers: FakeHandlers = {}) {
  seedStore();
  let devices = [PHONE, PIXEL];
  const api = installFakeApi({
    'devices:list': () => devices,
    'devices:deliveries': () => [delivery('d1', 'dev-1', 'First push'), delivery('d2', 'dev-1', 'Second push')],
    'devices:create': ({ platform, name, voip }) => {
      const created: SandboxDevice = {
        DeviceId: 'dev-3',
        Name: name,
        Platform: platform,
        Voip: voip,
        DeviceToken: 'b'.repeat(64),
        Created: '2026-11-30T11:00:00.000Z',
      };
      devices = [...devices, created];
      return created;
    },
    ...handlers,
  });
  const user = userEvent.setup();
  render(
    <>
      <SimulatedDevicesButton />
      <SimulatedDevicesPanel />
    </>,
  );
  return { api, user };
}

describe('Simulated devices', () => {
  it('lists each phone with the notifications it received, named by title', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Simulated devices' }));
    const region = screen.getByRole('region', { name: 'Simulated devices' });
    const phone = await within(region).findByRole('listitem', { name: 'Ada dev iPhone' });
    expect(
      within(phone)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['Second push', 'First push']);
    const pixel = within(region).getByRole('listitem', { name: 'Pixel' });
    expect(pixel).toHaveTextContent('No notifications received.');
    await user.click(screen.getByRole('button', { name: 'Simulated devices' }));
    expect(screen.queryByRole('region', { name: 'Simulated devices' })).not.toBeInTheDocument();
  });

  it('creates a device with platform, name and VoIP, and refuses an empty name', async () => {
    const { api, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Simulated devices' }));
    const region = screen.getByRole('region', { name: 'Simulated devices' });
    await user.click(within(region).getByRole('button', { name: 'New simulated device' }));
    const form = within(region).getByRole('form', { name: 'New simulated device' });
    await user.click(within(form).getByRole('button', { name: 'Create device' }));
    expect(within(form).getByLabelText('Device name')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('alert')).toHaveTextContent('Name is required');
    expect(api.calls.filter((c) => c.channel === 'devices:create')).toEqual([]);
    await user.selectOptions(within(form).getByLabelText('Platform'), 'APNS');
    await user.type(within(form).getByLabelText('Device name'), 'Prod iPhone');
    await user.click(within(form).getByRole('switch', { name: 'VoIP (a PushKit token too)' }));
    await user.click(within(form).getByRole('button', { name: 'Create device' }));
    await within(region).findByRole('listitem', { name: 'Prod iPhone' });
    expect(api.calls.find((c) => c.channel === 'devices:create')?.input).toEqual({
      platform: 'APNS',
      name: 'Prod iPhone',
      voip: true,
    });
    expect(within(region).queryByRole('form', { name: 'New simulated device' })).not.toBeInTheDocument();
  });

  it('"Register this device" opens the register form with the device name, type and tokens', async () => {
    const { user } = setup({ 'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: [] }) });
    await user.click(screen.getByRole('button', { name: 'Simulated devices' }));
    const phone = await screen.findByRole('listitem', { name: 'Ada dev iPhone' });
    await user.click(within(phone).getByRole('button', { name: 'Register this device' }));
    const form = screen.getByRole('dialog', { name: 'Register endpoint' });
    expect(within(form).getByLabelText('Endpoint name')).toHaveValue('Ada dev iPhone');
    expect(within(form).getByLabelText('Type')).toHaveValue('APNS_SANDBOX');
    expect(within(form).getByLabelText('Device token')).toHaveValue(HEX64);
    expect(within(form).getByLabelText('VoIP device token')).toHaveValue(VOIP64);
  });

  it('is not offered on an AWS profile', () => {
    seedStore();
    useAppStore.setState({
      connection: { info: { kind: 'profile', profile: 'dev', region: 'us-east-1' }, status: 'connected' },
      simulatedDevicesOpen: true,
    });
    installFakeApi({});
    render(
      <>
        <SimulatedDevicesButton />
        <SimulatedDevicesPanel />
      </>,
    );
    expect(screen.queryByRole('button', { name: 'Simulated devices' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Simulated devices' })).not.toBeInTheDocument();
  });

  it('shows the sandbox error where the devices would be', async () => {
    const { user } = setup({
      'devices:list': () => ({
        ok: false as const,
        error: {
          code: 'NetworkError',
          message: 'The Local sandbox did not answer GET /_sandbox/devices: fetch failed',
          retryable: true,
        },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Simulated devices' }));
    const region = screen.getByRole('region', { name: 'Simulated devices' });
    await waitFor(() => expect(region).toHaveTextContent('Could not read the simulated devices.'));
    expect(region).toHaveTextContent('The Local sandbox did not answer GET /_sandbox/devices');
  });
});
