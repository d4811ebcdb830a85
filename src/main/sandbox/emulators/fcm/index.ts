export { FcmEmulator, FCM_SCOPES, ACCESS_TOKEN_LIFETIME_S, DEFAULT_QUOTA_PER_DEVICE_PER_MINUTE, type FcmRequest, type FcmAnswer, type FcmEmulatorOptions } from './emulator';
export { issueFcmProject, handleFcmIssueControl, FCM_TOKEN_PATH, type ServiceAccountJson, type FcmIssueContext } from './issue';
