import { describe, expect, it } from 'vitest';
import { CHANNEL_NAME_LIST, EVENT_NAME_LIST } from '../../../src/shared/ipc/channelNames';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src/shared/ipc/contract';

describe('the preload\'s channel names', () => {
  it('are exactly the contract\'s channels and events', () => {
    expect([...CHANNEL_NAME_LIST].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...EVENT_NAME_LIST].sort()).toEqual([...EVENT_NAMES].sort());
  });
});
