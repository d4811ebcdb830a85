/**
 * IAM's records: roles (with inline policies and attached managed policies)
 * and customer managed policies with their versions. Role and policy names
 * are unique ignoring case, as in IAM, so both maps are keyed by the lower-
 * case name. Policy documents are kept as the text the caller sent (IAM
 * answers them back verbatim, URL-encoded); times are epoch milliseconds.
 *
 * `toJSON`/`fromJSON` give the persistence layer a plain, versioned document.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface RoleRecord {
  name: string;
  id: string;
  path: string;
  arn: string;
  created: number;
  assumeRolePolicy: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  tags: [string, string][];
  /** Inline policies: name → document, in insertion order. */
  inline: Map<string, string>;
  /** Attached managed policy ARNs, in attachment order. */
  attached: string[];
  lastUsed?: { date: number; region: string };
}

export interface PolicyVersionRecord {
  id: string;
  document: string;
  created: number;
}

export interface PolicyRecord {
  name: string;
  id: string;
  path: string;
  arn: string;
  created: number;
  updated: number;
  description?: string;
  tags: [string, string][];
  defaultVersion: string;
  versions: PolicyVersionRecord[];
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM unique ids: a 4-letter prefix (AROA role, ANPA policy, AIDA user) and 17 upper-case characters. */
export function iamId(prefix: string): string {
  const bytes = randomBytes(17);
  let out = prefix;
  for (const b of bytes) out += ID_ALPHABET[b % 32];
  return out;
}

const roleSchema = z.object({
  name: z.string(),
  id: z.string(),
  path: z.string(),
  arn: z.string(),
  created: z.number(),
  assumeRolePolicy: z.string(),
  description: z.string().optional(),
  maxSessionDuration: z.number(),
  permissionsBoundary: z.string().optional(),
  tags: z.array(z.tuple([z.string(), z.string()])),
  inline: z.array(z.tuple([z.string(), z.string()])),
  attached: z.array(z.string()),
  lastUsed: z.object({ date: z.number(), region: z.string() }).optional(),
});

const policySchema = z.object({
  name: z.string(),
  id: z.string(),
  path: z.string(),
  arn: z.string(),
  created: z.number(),
  updated: z.number(),
  description: z.string().optional(),
  tags: z.array(z.tuple([z.string(), z.string()])),
  defaultVersion: z.string(),
  versions: z.array(z.object({ id: z.string(), document: z.string(), created: z.number() })),
});

const fileSchema = z.object({ version: z.literal(1), roles: z.array(roleSchema), policies: z.array(policySchema) });

export type IamStateJson = z.infer<typeof fileSchema>;

export class IamState {
  readonly roles = new Map<string, RoleRecord>();
  /** Keyed by lower-case policy name (names are unique per account whatever the path). */
  readonly policies = new Map<string, PolicyRecord>();

  role(name: string): RoleRecord | undefined {
    return this.roles.get(name.toLowerCase());
  }

  roleByArn(arn: string): RoleRecord | undefined {
    const name = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
    const role = name === undefined ? undefined : this.role(name);
    return role && role.arn === arn ? role : undefined;
  }

  policyByArn(arn: string): PolicyRecord | undefined {
    const name = /^arn:aws:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
    const policy = name === undefined ? undefined : this.policies.get(name.toLowerCase());
    return policy && policy.arn === arn ? policy : undefined;
  }

  /** How many roles have `arn` attached. */
  attachmentCount(arn: string): number {
    let n = 0;
    for (const role of this.roles.values()) if (role.attached.includes(arn)) n++;
    return n;
  }

  clear(): void {
    this.roles.clear();
    this.policies.clear();
  }

  toJSON(): IamStateJson {
    return {
      version: 1,
      roles: [...this.roles.values()].map((r) => ({ ...r, tags: [...r.tags], inline: [...r.inline], attached: [...r.attached] })),
      policies: [...this.policies.values()].map((p) => ({ ...p, tags: [...p.tags], versions: p.versions.map((v) => ({ ...v })) })),
    };
  }

  /** A state from `toJSON` output; throws (a zod error) on anything else. */
  static fromJSON(data: unknown): IamState {
    const parsed = fileSchema.parse(data);
    const state = new IamState();
    for (const r of parsed.roles) {
      state.roles.set(r.name.toLowerCase(), { ...r, inline: new Map(r.inline) } as RoleRecord);
    }
    for (const p of parsed.policies) state.policies.set(p.name.toLowerCase(), p as PolicyRecord);
    return state;
  }
}
