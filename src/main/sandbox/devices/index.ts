export * from './registry';
export { handleDevicesControl } from './control';
export { newApnsToken, newFcmToken } from './tokens';
