/** app:// serves the renderer folder and nothing else (checklist 18: custom protocol instead of file://). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../src/main/platform/appProtocol';

const ROOT = path.resolve('/srv/app/out/renderer');
const resolve = (url: string) => resolveAppFile(ROOT, url);

describe('resolveAppFile', () => {
  it('maps app://workbench paths into the renderer folder', () => {
    expect(resolve('app://workbench/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolve('app://workbench/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(resolve('app://workbench/assets/index-abc.js?v=1#x')).toBe(path.join(ROOT, 'assets', 'index-abc.js'));
  });

  it.each([
    'app://workbench/../../etc/passwd',
    'app://workbench/..%2f..%2fetc%2fpasswd',
    'app://workbench/%2e%2e/%2e%2e/etc/passwd',
    'app://workbench/assets/..%2f..%2f..%2fpackage.json',
    'app://workbench/..%5c..%5cwindows%5cwin.ini',
    'app://workbench/index.html%00.png',
    'app://workbench/%E0%A4%A',
  ])('never escapes the renderer folder: %s', (url) => {
    // The URL parser already folds plain `..`; escaped ones survive it and must be caught here.
    const file = resolve(url);
    expect(file === undefined || file.startsWith(ROOT + path.sep)).toBe(true);
  });

  it('refuses other hosts, other schemes and garbage', () => {
    expect(resolve('app://evil/index.html')).toBeUndefined();
    expect(resolve('file:///srv/app/out/renderer/index.html')).toBeUndefined();
    expect(resolve('https://workbench/index.html')).toBeUndefined();
    expect(resolve('not a url')).toBeUndefined();
    expect(resolve('app://workbench/index.html%00.png')).toBeUndefined();
    expect(resolve('app://workbench/%E0%A4%A')).toBeUndefined();
    expect(resolve('app://workbench/..%2f..%2fetc%2fpasswd')).toBeUndefined();
  });
});
