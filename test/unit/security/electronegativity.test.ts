/**
 * Security scan in the test suite: Doyensec's Electronegativity over src/
 * and over the built bundles in out/ (see scripts/security-scan.ts for how it
 * is kept offline and how the bundles are made parseable for its 1.10 parser).
 * Its CLI exits 0 on findings, so this gates on the result file: any finding
 * not explained in electronegativity-suppressions.json fails, as does any
 * file it could not parse or a suppression that no longer matches anything.
 * The suite runs after `npm run build`; without out/ this fails and says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSuppressions, scanAll, unexplained, unused, type ScanResult, type Suppression } from '../../../scripts/security-scan';

let results: { sources: ScanResult; bundles: ScanResult };
let suppressions: Suppression[];

beforeAll(async () => {
  results = await scanAll();
  suppressions = await loadSuppressions();
}, 180_000);

const describeFinding = (f: { scan: string; id: string; file: string; line: number; description: string }) =>
  `[${f.scan}] ${f.id} at ${f.file}:${f.line}: ${f.description}`;

describe('Electronegativity', () => {
  it('ran its checks over both trees and parsed every file', () => {
    expect(results.sources.checks).toBeGreaterThan(30);
    expect(results.bundles.checks).toBeGreaterThan(30);
    expect([...results.sources.errors, ...results.bundles.errors]).toEqual([]);
  });

  it('finds nothing beyond the explained suppressions', () => {
    const open = unexplained([...results.sources.findings, ...results.bundles.findings], suppressions);
    expect(open.map(describeFinding)).toEqual([]);
  });

  it('has a written reason for every suppression and none left over', () => {
    for (const s of suppressions) expect(s.reason.length, `${s.check} ${s.file}`).toBeGreaterThan(40);
    expect(unused([...results.sources.findings, ...results.bundles.findings], suppressions)).toEqual([]);
  });
});
