/**
 * "Send test push" (issue 13): the plan main made (shown before anything is
 * created), the send and its outcome, the target's membership preference in
 * the channel, the workspace's send history and "Clean up". After a send the
 * selected user's endpoints are followed through the watcher (as after a
 * registration), so an INACTIVE flip the push caused shows without a click,
 * and the simulated devices reload.
 */
import type { SliceCreator } from '../../store';
import { selectEndpoints } from '../../store/selectors';
import { getApi } from '../../api';
import { loadInto, type Resource } from '../../store/resource';
import type { Result, WorkbenchError } from '../../../../shared/errors';
import type { CleanUpOutcome, CleanUpPlanView } from '../../../../shared/ipc/pushContract';
import {
  PUSH_SENDER_ID,
  appendTestPush,
  historyEntryOf,
  type MessageAttributeMap,
  type PushChoices,
  type PushPreference,
  type PushType,
  type TestPushPlan,
  type TestPushSent,
} from '../../../../shared/push/testPush';
import { snapshotFromSummary } from '../../../../shared/workspace/watch';

export interface TestPushMessageInput {
  readonly title: string;
  readonly body: string;
  readonly pushType: PushType;
  readonly messageAttributes?: MessageAttributeMap | undefined;
}

/** A failed send: the error, whose message already says what the send created before failing. */
export type TestPushOutcome =
  | { readonly kind: 'sent'; readonly sent: TestPushSent; readonly channelName: string }
  | { readonly kind: 'failed'; readonly error: WorkbenchError };

export interface PlanChoice {
  readonly channelArn?: string | undefined;
  readonly senderArn?: string | undefined;
  /** The target's own test channel instead of the shared one (ignored with a channelArn). */
  readonly ownChannel?: boolean | undefined;
}

export interface PushSlice {
  /** Keyed by user, channel and sender chosen, so an answer for an earlier choice is dropped. */
  readonly testPushPlan?: Resource<TestPushPlan>;
  readonly testPushOutcome?: TestPushOutcome;
  readonly testPushSending: boolean;
  /** The target's preference in the plan's channel (keyed by channel and member). */
  readonly pushPreference?: Resource<PushPreference>;
  readonly cleanUpPlan?: Resource<CleanUpPlanView>;
  /** The channels and bots the dialog offers to pick (keyed by user and sender). */
  readonly pushChoices?: Resource<PushChoices>;
  /** What the developer picked: kept so a re-plan after a send or a clean up uses the same choice. */
  readonly pushPlanChoice: PlanChoice;
  planTestPush(choice?: PlanChoice): Promise<void>;
  loadPushChoices(senderArn?: string): Promise<void>;
  sendTestPush(message: TestPushMessageInput): Promise<TestPushOutcome | undefined>;
  /**
   * What follows every test push, whoever sent it ("Send test push", "Compare with Chime"): the history entry,
   * and after a send, the user's endpoints followed for an INACTIVE flip and the simulated devices reloaded.
   */
  /**
   * A test push to `userArn` with the default plan (the tagged test channel and the workbench sender), outside the
   * dialog's state: planned and sent through the same channels, then recorded as any test push.
   */
  sendTestPushTo(userArn: string, message: TestPushMessageInput): Promise<Result<TestPushSent>>;
  recordTestPush(plan: TestPushPlan, message: TestPushMessageInput, answer: Result<TestPushSent>): void;
  resetTestPush(): void;
  loadPushPreference(channelArn: string, memberArn: string): Promise<void>;
  savePushPreference(
    channelArn: string,
    memberArn: string,
    preference: PushPreference,
  ): Promise<WorkbenchError | undefined>;
  planCleanUp(): Promise<void>;
  runCleanUp(): Promise<Result<CleanUpOutcome>>;
}

function preferenceOf(plan: TestPushPlan | undefined): Resource<PushPreference> | undefined {
  if (!plan?.channel.arn || !plan.targetPreference) return undefined;
  return { key: `${plan.channel.arn}|${plan.userArn}`, loading: false, value: plan.targetPreference, at: Date.now() };
}

const appInstanceOf = (userArn: string) => userArn.slice(0, userArn.indexOf('/user/'));

export const createPushSlice: SliceCreator<PushSlice> = (set, get) => ({
  testPushSending: false,
  pushPlanChoice: {},

  async planTestPush(choice = get().pushPlanChoice) {
    const userArn = get().selectedUserArn;
    if (!userArn) return;
    set({ pushPlanChoice: choice });
    const own = Boolean(choice.ownChannel && !choice.channelArn);
    const input = {
      appInstanceArn: appInstanceOf(userArn),
      userArn,
      ...(choice.channelArn && { channelArn: choice.channelArn }),
      ...(choice.senderArn && { senderArn: choice.senderArn }),
      ...(own && { ownChannel: true }),
    };
    const key = `${userArn}|${choice.channelArn ?? ''}|${choice.senderArn ?? ''}|${own ? 'own' : ''}`;
    await loadInto(
      key,
      () => getApi()['push:plan'](input),
      () => get().testPushPlan,
      // The plan carries the member's preference: stored with it, so the editor never reads it again.
      (testPushPlan) =>
        set({ testPushPlan, ...(!testPushPlan.loading && { pushPreference: preferenceOf(testPushPlan.value) }) }),
    );
  },

  async loadPushChoices(senderArn) {
    const userArn = get().selectedUserArn;
    if (!userArn) return;
    const appInstanceArn = appInstanceOf(userArn);
    const sender = senderArn ?? `${appInstanceArn}/user/${PUSH_SENDER_ID}`;
    await loadInto(
      `${userArn}|${sender}`,
      () => getApi()['push:choices']({ appInstanceArn, userArn, senderArn: sender }),
      () => get().pushChoices,
      (pushChoices) => set({ pushChoices }),
    );
  },

  async sendTestPush(message) {
    const plan = get().testPushPlan?.value;
    if (!plan || get().testPushSending) return undefined; // one send in flight
    set({ testPushSending: true, testPushOutcome: undefined });
    const answer = await getApi()['push:send']({ plan, ...message });
    const outcome: TestPushOutcome = answer.ok
      ? { kind: 'sent', sent: answer.value, channelName: plan.channel.name }
      : { kind: 'failed', error: answer.error };
    set({ testPushSending: false, testPushOutcome: outcome });
    get().recordTestPush(plan, message, answer);
    // What exists may have changed (a sender, a channel, a membership, even after a failure): plan the next send again.
    if (answer.ok || plan.steps.length > 0) void get().planTestPush();
    return outcome;
  },

  async sendTestPushTo(userArn, message) {
    const plan = await getApi()['push:plan']({ appInstanceArn: appInstanceOf(userArn), userArn });
    if (!plan.ok) return plan;
    const answer = await getApi()['push:send']({ plan: plan.value, ...message });
    get().recordTestPush(plan.value, message, answer);
    return answer;
  },

  recordTestPush(plan, message, answer) {
    const entry = historyEntryOf(
      { userArn: plan.userArn, title: message.title, pushType: message.pushType, channelArn: plan.channel.arn },
      answer,
      Date.now(),
    );
    const active = get().activeWorkspace;
    if (active) void get().patchActiveWorkspace({ testPushes: appendTestPush(active.testPushes ?? [], entry) });
    if (!answer.ok) return;
    // The user's endpoints as the table shows them are what the watcher diffs against.
    if (get().selectedUserArn === plan.userArn) {
      for (const endpoint of selectEndpoints(get())) {
        const known = snapshotFromSummary(endpoint);
        if (known) void get().followEndpoint(plan.userArn, known, 'push');
      }
    }
    if (get().simulatedDevicesOpen) void get().loadSimulatedDevices();
    void get().loadLastDeliveries(plan.userArn);
  },

  resetTestPush: () =>
    set({
      testPushPlan: undefined,
      testPushOutcome: undefined,
      pushPreference: undefined,
      testPushSending: false,
      pushChoices: undefined,
      pushPlanChoice: {},
    }),

  async loadPushPreference(channelArn, memberArn) {
    await loadInto(
      `${channelArn}|${memberArn}`,
      () => getApi()['push:getPreference']({ channelArn, memberArn }),
      () => get().pushPreference,
      (pushPreference) => set({ pushPreference }),
    );
  },

  async savePushPreference(channelArn, memberArn, preference) {
    const result = await getApi()['push:setPreference']({ channelArn, memberArn, preference });
    if (!result.ok) return result.error;
    set({ pushPreference: { key: `${channelArn}|${memberArn}`, loading: false, value: result.value, at: Date.now() } });
    return undefined;
  },

  async planCleanUp() {
    const userArn = get().selectedUserArn;
    const appInstanceArn = get().selectedAppInstanceArn ?? (userArn ? appInstanceOf(userArn) : undefined);
    if (!appInstanceArn) return;
    await loadInto(
      appInstanceArn,
      () => getApi()['push:cleanupPlan']({ appInstanceArn }),
      () => get().cleanUpPlan,
      (cleanUpPlan) => set({ cleanUpPlan }),
    );
  },

  async runCleanUp() {
    const plan = get().cleanUpPlan?.value;
    if (!plan)
      return { ok: false, error: { code: 'NoPlan', message: 'Look at what will be removed first.', retryable: false } };
    const result = await getApi()['push:cleanup']({
      appInstanceArn: plan.appInstanceArn,
      confirmed: plan.remove.map((r) => r.arn),
    });
    set({ cleanUpPlan: undefined, testPushPlan: undefined, pushPreference: undefined });
    // Removed simulated devices leave the panel at once.
    if (get().simulatedDevicesOpen) void get().loadSimulatedDevices();
    return result;
  },
});
