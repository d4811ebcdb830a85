/**
 * `--data FILE`: the state as JSON, written atomically (temp file in the same
 * folder, then rename, so a crash leaves the old or the new file, never half
 * of one) and debounced (a burst of calls costs one write). A file that
 * cannot be read back is reported and renamed aside with a timestamp; it is
 * never overwritten, so no one loses data to a sandbox upgrade or a typo.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { newAppInstance, newUser, type AppInstanceRecord, type BotRecord, type EndpointRecord, type SandboxState } from './state';

const FILE_VERSION = 1;

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
const fileSchema = z.object({ version: z.literal(FILE_VERSION), appInstances: z.array(instance) });

export function snapshot(state: SandboxState): unknown {
  const instances = [...state.appInstances.values()].map((i) => ({
    ...i,
    tags: [...i.tags],
    users: [...i.users.values()].map((u) => ({ ...u, tags: [...u.tags], endpoints: [...u.endpoints.values()] })),
    bots: [...i.bots.values()].map((b) => ({ ...b, tags: [...b.tags] })),
    admins: [...i.admins.values()],
  }));
  return { version: FILE_VERSION, appInstances: instances };
}

/** Replaces the state with the file's content; throws when the content is not a sandbox state file. */
export function restore(state: SandboxState, data: unknown): void {
  const parsed = fileSchema.parse(data);
  state.clear();
  for (const i of parsed.appInstances) {
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
}

export type LoadOutcome = { kind: 'missing' } | { kind: 'loaded' } | { kind: 'corrupt'; movedTo: string; reason: string };

export class DataFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly state: SandboxState,
    private readonly log: (line: string) => void,
    private readonly debounceMs = 100,
  ) {}

  async load(): Promise<LoadOutcome> {
    if (!existsSync(this.file)) return { kind: 'missing' };
    try {
      restore(this.state, JSON.parse(await readFile(this.file, 'utf8')));
      return { kind: 'loaded' };
    } catch (error) {
      this.state.clear();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const movedTo = `${this.file}.corrupt-${stamp}`;
      await rename(this.file, movedTo);
      const reason = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
      this.log(`sandbox: ${this.file} is not a readable sandbox state (${reason}); kept aside as ${movedTo}, starting empty`);
      return { kind: 'corrupt', movedTo, reason };
    }
  }

  /** Schedules a write; many changes within the debounce window cost one write. */
  markDirty(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes now if anything is pending and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.write();
    }
    await this.writing;
  }

  private write(): Promise<void> {
    // Writes are chained so two never race on the temp file.
    this.writing = this.writing.then(async () => {
      const tmp = `${this.file}.tmp-${process.pid}`;
      try {
        await writeFile(tmp, JSON.stringify(snapshot(this.state)));
        await rename(tmp, this.file);
      } catch (error) {
        this.log(`sandbox: could not write ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.writing;
  }
}
