import type { TestPushPlan } from '../../../src/shared/push/testPush';
import type { Workspace } from '../../../src/shared/ipc/appTypes';
import { USER_ARN } from '../registration/fixtures';

export const INSTANCE_ARN = USER_ARN.slice(0, USER_ARN.indexOf('/user/'));
export const CHANNEL_ARN = `${INSTANCE_ARN}/channel/test-channel-1`;
export const SENDER_ARN = `${INSTANCE_ARN}/user/workbench-push-sender`;

/** A plan for alice, who is a member of the tagged test channel already. */
export const memberPlan = (overrides: Partial<TestPushPlan> = {}): TestPushPlan => ({
  appInstanceArn: INSTANCE_ARN,
  userArn: USER_ARN,
  nonce: 'nonce-0001',
  sender: { arn: SENDER_ARN, kind: 'user', exists: true, chosen: 'default' },
  channel: { arn: CHANNEL_ARN, name: 'Workbench push tests', exists: true, chosen: 'tag' },
  steps: [],
  summary: [`Sender: ${SENDER_ARN} (exists).`, 'Nothing will be created.'],
  warnings: [],
  ...overrides,
});

/** A plan for a fresh AppInstance: the sender and the channel are still to be created. */
export const createPlan = (): TestPushPlan => ({
  appInstanceArn: INSTANCE_ARN,
  userArn: USER_ARN,
  nonce: 'nonce-0002',
  sender: { arn: SENDER_ARN, kind: 'user', exists: false, chosen: 'default' },
  channel: { name: 'Workbench push tests', exists: false, chosen: 'create' },
  steps: [
    { kind: 'createSender', senderArn: SENDER_ARN, text: 'Create the AppInstanceUser "workbench-push-sender".' },
    { kind: 'createChannel', text: 'Create the channel "Workbench push tests".' },
  ],
  summary: ['Create the AppInstanceUser "workbench-push-sender".', 'Create the channel "Workbench push tests".'],
  warnings: [],
});

export const WORKSPACE: Workspace = {
  id: 'ws-1',
  name: 'Mine',
  connection: { kind: 'sandbox' },
  region: 'us-east-1',
  watchList: [],
  devices: [],
  createdAt: 1,
  updatedAt: 1,
};
