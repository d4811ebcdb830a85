export { startApnsEmulator, type ApnsEmulatorOptions, type RunningApnsEmulator } from './server';
export { evaluateApnsRequest, alertText, APNS_PUSH_TYPES, MAX_PAYLOAD_BYTES, MAX_VOIP_PAYLOAD_BYTES, type ApnsReason, type ApnsOutcome } from './evaluate';
export { issueApnsKey, issueApnsCert, handleApnsIssueControl, type IssuedApnsKey, type IssuedApnsCert, type ApnsIssueContext } from './issue';
