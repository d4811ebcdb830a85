export { startPushCloud, type PushCloud, type PushCloudOptions, type PushCloudHealth, type PushCloudSnapshot } from './pushCloud';
export { SandboxCa, handleCaControl, fingerprint256 } from './ca';
export { PushCredentials } from './credentials';
export * from './apns';
export * from './fcm';
