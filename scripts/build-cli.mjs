// Builds the command line (`chime-workbench`, package.json `bin`) to out/cli/index.js: one ES module for plain
// Node 22, no Electron, no tsx. Dependencies stay external (installed with the package), so the bundle holds only
// the project's own code.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const outfile = 'out/cli/index.js';
await build({
  entryPoints: ['src/main/cli/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await chmod(outfile, 0o755);
