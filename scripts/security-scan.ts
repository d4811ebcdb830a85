/**
 * Doyensec's Electronegativity over the sources and the built bundles, gated
 * on its result file (its CLI exits 0 whatever it finds). Used by
 * test/unit/security/electronegativity.test.ts and by `npm run security`.
 *
 * - Offline: the scan runs in a child process with sockets disabled and the
 *   GitHub release-list check excluded (scripts/security/electronegativity-offline.cjs);
 *   the Electron version is read from node_modules/electron, not fetched.
 * - Bundles: Electronegativity 1.10's AST walker stops at ES2022 class private
 *   fields ("Unknown node type ClassPrivateProperty") and only reads .js/.ts/.html/.json,
 *   so the bundles in out/ are lowered to ES2020 with esbuild into a temp copy
 *   (`.cjs` becomes `.cjs.js`) and scanned whole; findings are reported under
 *   their out/ names.
 * - Sources: src/ is scanned as one tree (main, preload, renderer, shared), so
 *   the global checks (navigation limits, permission handler, CSP) see main's
 *   handlers and the renderer's page together. Its Babel TypeScript parser
 *   reads our TS; any file it cannot parse is reported as an error and fails the gate.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNNER = path.join(ROOT, 'scripts/security/electronegativity-offline.cjs');
export const SUPPRESSIONS_FILE = path.join(ROOT, 'test/unit/security/electronegativity-suppressions.json');

export type ScanName = 'sources' | 'bundles';
export interface Finding {
  readonly scan: ScanName;
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly confidence: string;
  readonly description: string;
}
export interface ScanResult {
  readonly checks: number;
  readonly findings: Finding[];
  readonly errors: Array<{ file: string; message: string; tolerable: boolean }>;
}
export interface Suppression {
  readonly scan: ScanName;
  readonly check: string;
  readonly file: string;
  readonly reason: string;
}

async function electronVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function scan(scanName: ScanName, input: string, workDir: string): Promise<ScanResult> {
  const resultFile = path.join(workDir, `electronegativity-${scanName}.json`);
  await promisify(execFile)(process.execPath, [RUNNER, input, resultFile, await electronVersion()], {
    cwd: ROOT,
    timeout: 120_000,
    env: { ...process.env, LANG: 'en-US' },
  });
  const raw = JSON.parse(await readFile(resultFile, 'utf8')) as {
    checks: number;
    issues: Array<Omit<Finding, 'scan'>>;
    errors: ScanResult['errors'];
  };
  const rename = (file: string) => file.replaceAll('\\', '/').replace(/\.cjs\.js$/, '.cjs');
  return {
    checks: raw.checks,
    findings: raw.issues.map((issue) => ({ ...issue, scan: scanName, file: rename(issue.file) })),
    errors: raw.errors.map((error) => ({ ...error, file: rename(path.relative(input, error.file)) })),
  };
}

/** Copies out/ to `target`, lowering every bundle to ES2020 so Electronegativity can walk it. */
export async function lowerBundles(outDir: string, target: string): Promise<void> {
  for (const entry of await readdir(outDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const from = path.join(entry.parentPath, entry.name);
    const to = path.join(target, path.relative(outDir, from));
    await mkdir(path.dirname(to), { recursive: true });
    if (/\.(c|m)?js$/.test(entry.name)) {
      const { code } = await transform(await readFile(from, 'utf8'), { target: 'es2020', format: entry.name.endsWith('.cjs') ? 'cjs' : 'esm', loader: 'js' });
      await writeFile(entry.name.endsWith('.js') ? to : `${to}.js`, code);
    } else {
      await copyFile(from, to);
    }
  }
}

export async function loadSuppressions(): Promise<Suppression[]> {
  return (JSON.parse(await readFile(SUPPRESSIONS_FILE, 'utf8')) as { suppressions: Suppression[] }).suppressions;
}

const matches = (finding: Finding, s: Suppression) => s.scan === finding.scan && s.check === finding.id && s.file === finding.file;
export const unexplained = (findings: Finding[], suppressions: Suppression[]) => findings.filter((f) => !suppressions.some((s) => matches(f, s)));
export const unused = (findings: Finding[], suppressions: Suppression[]) => suppressions.filter((s) => !findings.some((f) => matches(f, s)));

/** Scans src/ and out/; throws with a clear message if out/ has not been built. */
export async function scanAll(): Promise<{ sources: ScanResult; bundles: ScanResult }> {
  const outDir = path.join(ROOT, 'out');
  const entries = await readdir(outDir).catch(() => [] as string[]);
  for (const part of ['main', 'preload', 'renderer']) {
    if (!entries.includes(part)) throw new Error(`out/${part} is missing: run \`npm run build\` before the security scan of the built bundles.`);
  }
  const work = await mkdtemp(path.join(tmpdir(), 'cew-electronegativity-'));
  try {
    const bundles = path.join(work, 'bundles');
    await lowerBundles(outDir, bundles);
    const [sources, built] = await Promise.all([scan('sources', path.join(ROOT, 'src'), work), scan('bundles', bundles, work)]);
    return { sources, bundles: built };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { sources, bundles } = await scanAll();
  const findings = [...sources.findings, ...bundles.findings];
  const suppressions = await loadSuppressions();
  for (const f of findings) {
    const why = suppressions.find((s) => matches(f, s))?.reason;
    console.log(`${why ? 'suppressed' : 'FINDING   '} [${f.scan}] ${f.id} ${f.file}:${f.line} ${f.severity}/${f.confidence}${why ? ` — ${why}` : ` — ${f.description}`}`);
  }
  const errors = [...sources.errors, ...bundles.errors];
  for (const e of errors) console.log(`PARSE ERROR ${e.file}: ${e.message}`);
  const open = unexplained(findings, suppressions);
  console.log(`${sources.checks} checks; ${findings.length} findings, ${open.length} unexplained; ${errors.length} parse errors.`);
  process.exitCode = open.length > 0 || errors.length > 0 ? 1 : 0;
}
