/**
 * The push-readiness doctor's report: what the engine in src/main/doctor
 * produces, the renderer's "Push readiness" region shows and the command
 * line prints. Pure: no Node, no DOM.
 *
 * The JSON form is a DESIGN contract (`doctor --json`):
 *   {"schemaVersion":1,"endpoints":[{"endpointId","checks":[{"name","verdict","detail","fix"?}]}]}
 * and `toDoctorJson` is the one serializer for it.
 */

export type Verdict = 'pass' | 'warning' | 'fail';

/** A fix: plain words, then AWS CLI commands ready to copy (may be empty when only the app or device can fix it). */
export interface DoctorFix {
  readonly text: string;
  readonly commands: readonly string[];
}

export interface DoctorCheck {
  /** One of CHECK_NAMES. */
  readonly name: CheckName;
  readonly verdict: Verdict;
  /** Plain words: what was found and why it matters. */
  readonly detail: string;
  readonly fix?: DoctorFix;
  /** The API calls and IAM permissions the check used (`GetApp (mobiletargeting:GetApp)`). */
  readonly uses: readonly string[];
  /** Set when the check did not run because an earlier one failed (its detail starts with "skipped:"). */
  readonly skipped?: true;
}

export interface DoctorEndpointReport {
  readonly endpointId: string;
  /** The endpoint's name, when it could be read. */
  readonly name?: string;
  readonly checks: readonly DoctorCheck[];
}

export interface DoctorReport {
  readonly userArn: string;
  /** The channel whose membership preferences were checked, and how it was chosen. */
  readonly channel?: { readonly arn: string; readonly how: 'given' | 'tagged' };
  readonly endpoints: readonly DoctorEndpointReport[];
}

/** Every check, in the order the report lists them. */
export const CHECK_NAMES = [
  'Endpoint state',
  'Allow messages',
  'Device token',
  'VoIP device token',
  'Endpoint quota',
  'Region',
  'Pinpoint app ARN',
  'Pinpoint app region and account',
  'Pinpoint app exists',
  'Push channel',
  'Channel authentication',
  'VoIP push channel',
  'Push role',
  'Push role trust',
  'Push role permission',
  'Delivery preferences',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

/** Checks in the report's order (CHECK_NAMES), whatever order they completed in. */
export function byCheckOrder<C extends Pick<DoctorCheck, 'name'>>(checks: readonly C[]): C[] {
  return [...checks].sort((a, b) => CHECK_NAMES.indexOf(a.name) - CHECK_NAMES.indexOf(b.name));
}

/** The worst verdict of a list (pass when empty). */
export function worstVerdict(checks: readonly Pick<DoctorCheck, 'verdict'>[]): Verdict {
  if (checks.some((c) => c.verdict === 'fail')) return 'fail';
  if (checks.some((c) => c.verdict === 'warning')) return 'warning';
  return 'pass';
}

/** An endpoint is ready when none of its checks fails (warnings are things the doctor could not prove). */
export function isReady(endpoint: DoctorEndpointReport): boolean {
  return worstVerdict(endpoint.checks) !== 'fail';
}

/** The user-level summary line: "3 of 4 endpoints ready". */
export function readinessSummary(report: DoctorReport): string {
  const ready = report.endpoints.filter(isReady).length;
  const n = report.endpoints.length;
  return `${ready} of ${n} endpoint${n === 1 ? '' : 's'} ready`;
}

/** The fix as one block of text: the words, then one command per line. */
export function fixText(fix: DoctorFix): string {
  return [fix.text, ...fix.commands].join('\n');
}

export interface DoctorJson {
  readonly schemaVersion: 1;
  readonly endpoints: readonly {
    readonly endpointId: string;
    readonly checks: readonly {
      readonly name: string;
      readonly verdict: Verdict;
      readonly detail: string;
      readonly fix?: string;
    }[];
  }[];
}

/** The DESIGN `doctor --json` document (exactly its keys; `fix` is the words then the commands, one per line). */
export function toDoctorJson(report: DoctorReport): DoctorJson {
  return {
    schemaVersion: 1,
    endpoints: report.endpoints.map((e) => ({
      endpointId: e.endpointId,
      checks: e.checks.map((c) => ({
        name: c.name,
        verdict: c.verdict,
        detail: c.detail,
        ...(c.fix ? { fix: fixText(c.fix) } : {}),
      })),
    })),
  };
}

/** The command line's exit code for `doctor --fail-on fail|warning` (DESIGN: 1 when a check failed, else 0). */
export function doctorExitCode(report: DoctorReport, failOn: 'fail' | 'warning' = 'fail'): 0 | 1 {
  const worst = worstVerdict(report.endpoints.flatMap((e) => e.checks));
  return worst === 'fail' || (failOn === 'warning' && worst === 'warning') ? 1 : 0;
}

/** The words the app and the terminal show for each verdict. */
export const VERDICT_WORDS: Readonly<Record<Verdict, string>> = { pass: 'Pass', warning: 'Warning', fail: 'Fail' };

/**
 * The report as plain text for a terminal: per endpoint, one line per check
 * with the same words the app shows ("Pass", "Warning", "Fail"), the detail,
 * the calls it used, and the fix indented below it.
 */
export function formatDoctorText(report: DoctorReport): string {
  const lines: string[] = [`${report.userArn}: ${readinessSummary(report)}`];
  if (report.channel)
    lines.push(
      `Delivery preferences checked in ${report.channel.how === 'given' ? 'the given channel' : 'the tagged test channel'} ${report.channel.arn}`,
    );
  for (const e of report.endpoints) {
    lines.push('', `Endpoint ${e.endpointId}${e.name ? ` (${e.name})` : ''}`);
    for (const c of e.checks) {
      lines.push(
        `  ${VERDICT_WORDS[c.verdict].padEnd(7)}  ${c.name}: ${c.detail}${c.uses.length > 0 ? ` [${c.uses.join(', ')}]` : ''}`,
      );
      if (c.fix) lines.push(`           Fix: ${c.fix.text}`, ...c.fix.commands.map((cmd) => `             ${cmd}`));
    }
  }
  return lines.join('\n');
}
