/**
 * The Chime push engine (issue 13), for the IPC handlers, the harness and the
 * command line (`push chime`): plan and send a test push, membership
 * preferences, clean up, and the Local sandbox's deliveries. Plain Node; the
 * clients and the sandbox URL are passed in.
 */
export type { PushClients } from './clients';
export { planTestPush, sendTestPush, type SendTestPushInput, type SendTestPushResult, type TestPushFailure } from './testPush';
export { findTestChannels, listPushChoices, countMembers, type TestChannelOwner } from './channels';
export { getMembershipPreference, setMembershipPreference, type MembershipRef } from './preferences';
export { planCleanUp, cleanUpWorkbenchResources, type CleanUpInput, type CleanUpDeps, type CleanUpItem, type CleanUpPlan, type CleanUpResult } from './cleanup';
export { createSandboxPushReader, type SandboxPushReader, type DeliveryQuery } from './sandboxDeliveries';
export { endpointTokensOf } from './endpointTokens';
export { pushError, type PushStep } from './meaning';
