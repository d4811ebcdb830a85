/**
 * Identity's part of the `--data` file: AppInstances with their users (and
 * endpoints), bots and admins. Stored under `appInstances`, as in the
 * version 1 file, so older files load unchanged.
 */
import { z } from 'zod';
import type { StateSlice } from '../core/service';
import { newAppInstance, newUser, type AppInstanceRecord, type BotRecord, type EndpointRecord, type SandboxState } from './state';

const tags = z.array(z.tuple([z.string(), z.string()]));
const endpoint = z.looseObject({ id: z.string(), userArn: z.string(), type: z.enum(['APNS', 'APNS_SANDBOX', 'GCM']), deviceToken: z.string(), created: z.number(), updated: z.number() });
const user = z.looseObject({ arn: z.string(), appInstanceArn: z.string(), userId: z.string(), name: z.string(), created: z.number(), updated: z.number(), tags, endpoints: z.array(endpoint) });
const bot = z.looseObject({ arn: z.string(), appInstanceArn: z.string(), id: z.string(), configuration: z.record(z.string(), z.unknown()), created: z.number(), updated: z.number(), tags });
const instance = z.looseObject({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  created: z.number(),
  updated: z.number(),
  tags,
  users: z.array(user),
  bots: z.array(bot),
  admins: z.array(z.object({ arn: z.string(), created: z.number() })),
});
const sliceSchema = z.array(instance);

export function identitySlice(state: SandboxState): StateSlice {
  return {
    key: 'appInstances',
    toJSON: () =>
      [...state.appInstances.values()].map((i) => ({
        ...i,
        tags: [...i.tags],
        users: [...i.users.values()].map((u) => ({ ...u, tags: [...u.tags], endpoints: [...u.endpoints.values()] })),
        bots: [...i.bots.values()].map((b) => ({ ...b, tags: [...b.tags] })),
        admins: [...i.admins.values()],
      })),
    fromJSON: (data) => {
      state.clear();
      if (data === undefined) return;
      for (const i of sliceSchema.parse(data)) {
        const record = newAppInstance({ ...(i as unknown as AppInstanceRecord), tags: new Map(i.tags) });
        state.addAppInstance(record);
        for (const u of i.users) {
          const userRecord = newUser({ ...(u as unknown as Parameters<typeof newUser>[0]), tags: new Map(u.tags) });
          state.addUser(record, userRecord);
          for (const e of u.endpoints) userRecord.endpoints.set(e.id, e as unknown as EndpointRecord);
        }
        for (const b of i.bots) state.addBot(record, { ...(b as unknown as BotRecord), tags: new Map(b.tags) });
        for (const a of i.admins) record.admins.set(a.arn, a);
      }
    },
  };
}
