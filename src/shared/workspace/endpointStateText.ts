/**
 * EndpointState in plain words, for badges, the timeline and the desktop
 * notification. One wording everywhere so a developer learns it once. The
 * reasons are the service's (see the EndpointState docs of the Chime SDK
 * Identity API): a push to the endpoint failed and Amazon Pinpoint or the push
 * service gave up on it.
 */
import type { EndpointStatus, EndpointStatusReason } from '../chime/shapes';
import { isSnsPlatformApplicationArn } from '../chime/deviceTokens';

const REASON_TEXT: Record<EndpointStatusReason, string> = {
  INVALID_DEVICE_TOKEN:
    'The push service rejected the device token (it may be from another app, platform or environment, or the app was uninstalled)',
  INVALID_PINPOINT_ARN:
    'The Pinpoint app ARN is not valid (the app may not exist, be in another region or account, or lack a channel for this platform)',
};

export function describeEndpointState(status: EndpointStatus | undefined, reason?: EndpointStatusReason): string {
  if (status === 'ACTIVE') return 'Active: the endpoint can receive push notifications';
  if (status === 'INACTIVE') {
    return reason ? `Inactive: ${REASON_TEXT[reason]}` : 'Inactive: the endpoint no longer receives push notifications';
  }
  return 'State unknown';
}

/** Short label for a badge: "ACTIVE", "INACTIVE (INVALID_DEVICE_TOKEN)". */
export function endpointStateLabel(status: EndpointStatus | undefined, reason?: EndpointStatusReason): string {
  if (!status) return 'UNKNOWN';
  return reason ? `${status} (${reason})` : status;
}

/**
 * What is wrong with an endpoint's ResourceArn, when it can be said without a
 * push: an SNS platform-application ARN (the older SNS way to reach APNs and
 * FCM) is a common paste where Chime SDK needs a Pinpoint app.
 */
export function describeResourceArnProblem(resourceArn: string | undefined): string | undefined {
  if (!resourceArn || !isSnsPlatformApplicationArn(resourceArn)) return undefined;
  return 'The ResourceArn is an SNS ARN, not a Pinpoint app ARN: Chime SDK push needs an Amazon Pinpoint app (arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID). Register the endpoint again with one.';
}
