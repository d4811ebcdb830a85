// `npm run cli:pack-check`: proves the packed package runs as `npx chime-workbench` on plain Node, not only from the
// checkout: builds the CLI, packs the package, installs the tarball into a temporary project (dependencies from the
// npm cache when they are there), then runs `npx chime-workbench --version` and `… --help` there. Slow (it installs
// the dependencies), so it is a script for releases and CI, not a unit test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const work = mkdtempSync(join(tmpdir(), 'cli-pack-'));
try {
  sh(process.execPath, [join(root, 'scripts/build-cli.mjs')], root);
  const tarball = join(work, sh(npm, ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop());
  const project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-check', private: true }));
  sh(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project);
  const version = sh(npx, ['--no-install', 'chime-workbench', '--version'], project).trim();
  const expected = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (version !== expected) throw new Error(`npx chime-workbench --version printed "${version}", expected ${expected}`);
  const help = sh(npx, ['--no-install', 'chime-workbench', 'doctor', '--help'], project);
  if (!help.includes('Usage: chime-workbench doctor')) throw new Error(`doctor --help printed:\n${help}`);
  console.log(`ok: ${tarball.split('/').pop()} installed; npx chime-workbench ${version} runs from the installed package`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
