/**
 * IAM policy documents: parsing with IAM's MalformedPolicyDocument rules, and
 * the evaluation the sandbox needs (SimulatePrincipalPolicy, the push-role
 * check, AssumeRole trust): explicit Deny beats Allow beats the implicit deny,
 * over `Action`/`NotAction` and `Resource`/`NotResource` with `*` and `?`
 * wildcards (actions case-insensitive, resources case-sensitive).
 *
 * Conditions (simulated subset): a statement with a Condition matches only
 * when every key it names has a context value and every operator is one of
 * StringEquals, StringNotEquals, StringLike, StringNotLike, StringEqualsIgnoreCase,
 * ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Bool, Null (with or without
 * `IfExists`); keys without a value are reported as missing context values,
 * as the IAM simulator does. Other operators never match.
 */
import { QueryError } from '../protocols/query';

export type PolicyKind = 'identity' | 'trust';

export interface Principal {
  readonly any: boolean;
  readonly AWS: readonly string[];
  readonly Service: readonly string[];
  readonly Federated: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principal?: Principal;
  readonly notPrincipal?: Principal;
  /** operator → key → values */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface ParsedPolicy {
  readonly version?: string;
  readonly statements: readonly PolicyStatement[];
}

const malformed = (message: string) => new QueryError('MalformedPolicyDocument', message, 400);

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);

function stringList(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string')) throw malformed(`Syntax errors in policy: ${field} must be a string or a list of strings.`);
  return list as string[];
}

function principal(value: unknown, field: string): Principal {
  if (value === '*') return { any: true, AWS: [], Service: [], Federated: [] };
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw malformed(`Invalid principal in policy: ${field}`);
  const out = { any: false, AWS: [] as string[], Service: [] as string[], Federated: [] as string[] };
  for (const [kind, v] of Object.entries(value as Record<string, unknown>)) {
    if (kind !== 'AWS' && kind !== 'Service' && kind !== 'Federated' && kind !== 'CanonicalUser') {
      throw malformed(`Invalid principal in policy: "${kind}"`);
    }
    if (kind === 'CanonicalUser') continue;
    const values = stringList(v, `${field}.${kind}`);
    for (const p of values) {
      if (kind === 'AWS' && p !== '*' && !/^\d{12}$/.test(p) && !/^arn:aws[\w-]*:(iam|sts)::(\d{12}|aws):/.test(p)) {
        throw malformed(`Invalid principal in policy: "AWS":"${p}"`);
      }
      if (kind === 'AWS' && p === '*') out.any = true;
    }
    out[kind].push(...values);
  }
  return out;
}

function checkAction(action: string): void {
  if (action !== '*' && !/^[a-zA-Z0-9-]+:[\w*?-]*$/.test(action)) {
    throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  }
}

function checkResource(resource: string): void {
  if (resource !== '*' && !resource.startsWith('arn:')) throw malformed(`Resource ${resource} must be in ARN format or "*".`);
}

/** Parses and checks a document as IAM does for the given kind (identity policy or role trust policy). */
export function parsePolicy(text: string, kind: PolicyKind): ParsedPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw malformed('Syntax errors in policy.');
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (key !== 'Version' && key !== 'Statement' && key !== 'Id') throw malformed(`Syntax errors in policy: unknown field ${key}.`);
  }
  if (d['Version'] !== undefined && d['Version'] !== '2012-10-17' && d['Version'] !== '2008-10-17') {
    throw malformed('The policy failed legacy parsing');
  }
  if (d['Statement'] === undefined) throw malformed('Missing required field Statement');
  const raw = Array.isArray(d['Statement']) ? d['Statement'] : [d['Statement']];
  const statements = raw.map((s): PolicyStatement => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) throw malformed('Syntax errors in policy.');
    const st = s as Record<string, unknown>;
    for (const key of Object.keys(st)) if (!STATEMENT_KEYS.has(key)) throw malformed(`Syntax errors in policy: unknown field ${key}.`);
    if (st['Effect'] === undefined) throw malformed('Missing required field Effect');
    if (st['Effect'] !== 'Allow' && st['Effect'] !== 'Deny') throw malformed(`Invalid effect: ${String(st['Effect'])}`);
    if (st['Action'] === undefined && st['NotAction'] === undefined) throw malformed('Policy statement must contain actions.');
    const actions = st['Action'] === undefined ? undefined : stringList(st['Action'], 'Action');
    const notActions = st['NotAction'] === undefined ? undefined : stringList(st['NotAction'], 'NotAction');
    [...(actions ?? []), ...(notActions ?? [])].forEach(checkAction);
    const hasResource = st['Resource'] !== undefined || st['NotResource'] !== undefined;
    const hasPrincipal = st['Principal'] !== undefined || st['NotPrincipal'] !== undefined;
    if (kind === 'identity') {
      if (hasPrincipal) throw malformed('Policy document should not specify a principal.');
      if (!hasResource) throw malformed('Policy statement must contain resources.');
    } else {
      if (hasResource) throw malformed('Has prohibited field Resource');
      if (!hasPrincipal) throw malformed('Missing required field Principal');
    }
    const resources = st['Resource'] === undefined ? undefined : stringList(st['Resource'], 'Resource');
    const notResources = st['NotResource'] === undefined ? undefined : stringList(st['NotResource'], 'NotResource');
    [...(resources ?? []), ...(notResources ?? [])].forEach(checkResource);
    return {
      ...(typeof st['Sid'] === 'string' && { sid: st['Sid'] }),
      effect: st['Effect'],
      ...(actions && { actions }),
      ...(notActions && { notActions }),
      ...(resources && { resources }),
      ...(notResources && { notResources }),
      ...(st['Principal'] !== undefined && { principal: principal(st['Principal'], 'Principal') }),
      ...(st['NotPrincipal'] !== undefined && { notPrincipal: principal(st['NotPrincipal'], 'NotPrincipal') }),
      ...(st['Condition'] !== undefined && { condition: condition(st['Condition']) }),
    };
  });
  return { ...(typeof d['Version'] === 'string' && { version: d['Version'] }), statements };
}

function condition(value: unknown): Record<string, Record<string, string[]>> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw malformed('Syntax errors in policy: Condition must be an object.');
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, block] of Object.entries(value as Record<string, unknown>)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) throw malformed(`Syntax errors in policy: Condition ${operator} must be an object.`);
    out[operator] = {};
    for (const [key, v] of Object.entries(block as Record<string, unknown>)) {
      const values = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined));
      if (values.includes(undefined)) throw malformed(`Syntax errors in policy: Condition ${operator}.${key} values must be scalars.`);
      (out[operator] as Record<string, string[]>)[key] = values as string[];
    }
  }
  return out;
}

/** IAM counts policy size without whitespace. */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

// ---------------------------------------------------------------- evaluation

const globCache = new Map<string, RegExp>();

/** `*` matches any run of characters, `?` one character. */
export function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = globCache.get(cacheKey);
  if (!re) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    if (globCache.size > 1000) globCache.clear();
    globCache.set(cacheKey, re);
  }
  return re.test(value);
}

export type ContextValues = ReadonlyMap<string, readonly string[]>;

export interface StatementMatch {
  readonly matches: boolean;
  /** Condition keys the statement needs that the context does not supply. */
  readonly missing: readonly string[];
}

function actionMatches(st: PolicyStatement, action: string): boolean {
  if (st.actions) return st.actions.some((p) => globMatch(p, action, true));
  return !(st.notActions ?? []).some((p) => globMatch(p, action, true));
}

function resourceMatches(st: PolicyStatement, resource: string): boolean {
  if (st.resources) return st.resources.some((p) => globMatch(p, resource, false));
  if (st.notResources) return !st.notResources.some((p) => globMatch(p, resource, false));
  return true; // trust policies have no Resource
}

function lookup(context: ContextValues, key: string): readonly string[] | undefined {
  for (const [k, v] of context) if (k.toLowerCase() === key.toLowerCase()) return v;
  return undefined;
}

function conditionMatches(st: PolicyStatement, context: ContextValues): StatementMatch {
  const missing: string[] = [];
  let ok = true;
  for (const [rawOperator, block] of Object.entries(st.condition ?? {})) {
    const ifExists = rawOperator.endsWith('IfExists');
    const operator = ifExists ? rawOperator.slice(0, -'IfExists'.length) : rawOperator;
    for (const [key, expected] of Object.entries(block)) {
      const actual = lookup(context, key);
      if (operator === 'Null') {
        const isNull = actual === undefined;
        if (!expected.some((e) => (e === 'true') === isNull)) ok = false;
        continue;
      }
      if (actual === undefined) {
        if (!ifExists) {
          missing.push(key);
          ok = false;
        }
        continue;
      }
      if (!operatorMatches(operator, expected, actual)) ok = false;
    }
  }
  return { matches: ok, missing };
}

function operatorMatches(operator: string, expected: readonly string[], actual: readonly string[]): boolean {
  const any = (test: (e: string, a: string) => boolean) => actual.some((a) => expected.some((e) => test(e, a)));
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return any((e, a) => e === a);
    case 'StringEqualsIgnoreCase':
      return any((e, a) => e.toLowerCase() === a.toLowerCase());
    case 'StringLike':
    case 'ArnLike':
      return any((e, a) => globMatch(e, a, false));
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !any((e, a) => e === a);
    case 'StringNotLike':
    case 'ArnNotLike':
      return !any((e, a) => globMatch(e, a, false));
    case 'Bool':
      return any((e, a) => e.toLowerCase() === a.toLowerCase());
    default:
      return false;
  }
}

/** Does `st` apply to this request? `resource` undefined skips the resource test (trust policies). */
export function statementMatches(st: PolicyStatement, action: string, resource: string | undefined, context: ContextValues): StatementMatch {
  if (!actionMatches(st, action)) return { matches: false, missing: [] };
  if (resource !== undefined && !resourceMatches(st, resource)) return { matches: false, missing: [] };
  return conditionMatches(st, context);
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface SourcedPolicy {
  readonly id: string;
  readonly type: 'role' | 'user-managed' | 'aws-managed' | 'none' | 'resource';
  readonly policy: ParsedPolicy;
}

export interface Evaluation {
  readonly decision: Decision;
  readonly matched: readonly { readonly id: string; readonly type: SourcedPolicy['type']; readonly statement: PolicyStatement }[];
  readonly missingContext: readonly string[];
}

/** Identity-policy evaluation: any matching Deny wins, then any matching Allow, else the implicit deny. */
export function evaluate(policies: readonly SourcedPolicy[], action: string, resource: string, context: ContextValues = new Map()): Evaluation {
  const allows: Evaluation['matched'][number][] = [];
  const denies: Evaluation['matched'][number][] = [];
  const missing = new Set<string>();
  for (const p of policies) {
    for (const statement of p.policy.statements) {
      const m = statementMatches(statement, action, resource, context);
      m.missing.forEach((k) => missing.add(k));
      if (!m.matches) continue;
      (statement.effect === 'Deny' ? denies : allows).push({ id: p.id, type: p.type, statement });
    }
  }
  const missingContext = [...missing];
  if (denies.length > 0) return { decision: 'explicitDeny', matched: denies, missingContext };
  if (allows.length > 0) return { decision: 'allowed', matched: allows, missingContext };
  return { decision: 'implicitDeny', matched: [], missingContext };
}

function principalCovers(p: Principal | undefined, who: { service?: string; aws?: readonly string[]; federated?: string }): boolean {
  if (!p) return false;
  if (p.any) return true;
  if (who.service && p.Service.includes(who.service)) return true;
  if (who.federated && p.Federated.includes(who.federated)) return true;
  return (who.aws ?? []).some((arn) => p.AWS.includes(arn));
}

/**
 * Trust-policy evaluation for `action` (sts:AssumeRole, sts:AssumeRoleWithWebIdentity)
 * by a principal named by service, AWS ARNs (the caller's ARN and its account
 * root / id) or federated provider.
 */
export function trustAllows(
  policy: ParsedPolicy,
  action: string,
  who: { service?: string; aws?: readonly string[]; federated?: string },
  context: ContextValues = new Map(),
): { allowed: boolean; deniedExplicitly: boolean; missingContext: string[] } {
  let allowed = false;
  let denied = false;
  const missing = new Set<string>();
  for (const st of policy.statements) {
    const byPrincipal = st.principal ? principalCovers(st.principal, who) : st.notPrincipal ? !principalCovers(st.notPrincipal, who) : false;
    if (!byPrincipal) continue;
    const m = statementMatches(st, action, undefined, context);
    m.missing.forEach((k) => missing.add(k));
    if (!m.matches) continue;
    if (st.effect === 'Deny') denied = true;
    else allowed = true;
  }
  return { allowed: allowed && !denied, deniedExplicitly: denied, missingContext: [...missing] };
}
