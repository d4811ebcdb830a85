/**
 * Starting payloads for the editor: what each kind of push looks like on the
 * wire. APNs templates carry the `aps` dictionary; FCM templates are the
 * HTTP v1 `message` without its target (the dialog's token is the target).
 */
import type { ApnsPushType } from '../../../../shared/push/directPush';

export interface PayloadTemplate {
  readonly name: string;
  readonly service: 'apns' | 'fcm';
  /** The push type the template is for (APNs); picking it sets the push type too. */
  readonly pushType?: ApnsPushType;
  readonly payload: Record<string, unknown>;
}

export const PAYLOAD_TEMPLATES: readonly PayloadTemplate[] = [
  {
    name: 'Alert',
    service: 'apns',
    pushType: 'alert',
    payload: { aps: { alert: { title: 'Hello', body: 'A direct push from Chime Endpoint Workbench' }, sound: 'default' } },
  },
  {
    name: 'Silent (background)',
    service: 'apns',
    pushType: 'background',
    payload: { aps: { 'content-available': 1 }, refresh: 'inbox' },
  },
  { name: 'VoIP call', service: 'apns', pushType: 'voip', payload: { callId: 'call-1', caller: 'Workbench' } },
  {
    name: 'Live Activity update',
    service: 'apns',
    pushType: 'liveactivity',
    payload: { aps: { timestamp: 0, event: 'update', 'content-state': { status: 'on the way' } } },
  },
  {
    name: 'FCM notification',
    service: 'fcm',
    payload: { notification: { title: 'Hello', body: 'A direct push from Chime Endpoint Workbench' } },
  },
  { name: 'FCM data', service: 'fcm', payload: { data: { kind: 'sync', id: '42' } } },
];

/** The template a push type starts from: its own, else the alert (or the FCM notification). */
export function templateFor(service: 'apns' | 'fcm', pushType: ApnsPushType = 'alert'): PayloadTemplate {
  const own = PAYLOAD_TEMPLATES.find((t) => t.service === service && (service === 'fcm' || t.pushType === pushType));
  return own ?? PAYLOAD_TEMPLATES.find((t) => t.service === service)!;
}

export const formatPayload = (payload: Record<string, unknown>): string => JSON.stringify(payload, null, 2);
