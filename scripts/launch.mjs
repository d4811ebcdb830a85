/**
 * `npm start` (node scripts/launch.mjs start) and `npm run dev` (… dev).
 *
 * First makes sure Electron's binary is there: the electron package fetches
 * it at install time, and its index.js would try again (synchronously, with a
 * stack trace on failure) the moment anything requires it. Where it is missing
 * we try the installer once with a time limit and, if that fails (offline
 * machines, ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so in plain words and exit 1.
 * Then: start builds out/ when it is missing or older than the sources and runs
 * `electron-vite preview`; dev runs `electron-vite dev` (which builds itself).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules/electron');
const ELECTRON_VITE = path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
const INSTALL_TIMEOUT_MS = Number(process.env.WORKBENCH_ELECTRON_INSTALL_TIMEOUT_MS ?? 600_000);
const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.json', 'tsconfig.node.json', 'tsconfig.web.json'];

/** Mirrors node_modules/electron/index.js, without its download side effect. */
function electronBinary() {
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(path.join(ELECTRON_DIR, 'package.json'))) return { missing: 'the electron package is not installed (run `npm install`)' };
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = dist ? path.join(dist, relative ?? 'electron') : relative && path.join(ELECTRON_DIR, 'dist', relative);
  if (binary && existsSync(binary)) return { binary };
  return { missing: binary ? `${binary} does not exist` : 'node_modules/electron/dist was never downloaded' };
}

function tryInstall() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not downloaded';
  console.log('Electron binary missing; trying to download it once…');
  const result = spawnSync(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], { cwd: ELECTRON_DIR, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (result.error) return `the download did not finish (${result.error.code ?? result.error.message})`;
  if (result.status === 0) return undefined;
  // install.js prints a stack trace; keep only the error line.
  const line = `${result.stderr}`.split('\n').find((l) => /error|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT/i.test(l) && !/^\s+at /.test(l));
  return `the download failed: ${(line ?? `exit code ${result.status}`).trim().slice(0, 200)}`;
}

function requireElectron() {
  let found = electronBinary();
  if (found.binary) return found.binary;
  const installError = tryInstall();
  found = electronBinary();
  if (found.binary) return found.binary;
  console.error(
    [
      `Electron's binary is not installed (${installError ?? found.missing}).`,
      'On a machine with internet access run `npx install-electron` (or delete node_modules/electron and `npm install`), then `npm start` again.',
      'Here you can use the browser harness instead: npm run build && npm run harness',
    ].join('\n'),
  );
  process.exit(1);
}

function newestMtime(entry) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full, { recursive: true }).map((f) => statSync(path.join(full, f)).mtimeMs));
}

function outIsStale() {
  const built = BUILT.map((f) => path.join(ROOT, f));
  if (!built.every(existsSync)) return true;
  const builtAt = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return Math.max(...SOURCES.map(newestMtime)) > builtAt;
}

function electronVite(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ELECTRON_VITE, ...args], { cwd: ROOT, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const mode = process.argv[2];
if (mode !== 'start' && mode !== 'dev') {
  console.error('usage: node scripts/launch.mjs start|dev');
  process.exit(2);
}
requireElectron();
if (mode === 'dev') {
  process.exitCode = await electronVite(['dev']);
} else {
  if (outIsStale()) {
    console.log('out/ is missing or older than the sources: building…');
    const code = await electronVite(['build']);
    if (code !== 0) process.exit(code);
  }
  process.exitCode = await electronVite(['preview', '--skipBuild']);
}
