/** Checklist 15: shell.openExternal only for https links to allow-listed hosts. */
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src/main/ipc/handlers/shellHandlers';
import { allowListedOpener } from '../../../src/main/platform/externalLinks';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.aws.amazon.com/chime-sdk/latest/APIReference/Welcome.html',
    'https://console.aws.amazon.com/chime-sdk/home',
    'https://us-east-1.console.aws.amazon.com/pinpoint/',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://docs.aws.amazon.com/',
    'file:///etc/passwd',
    'smb://attacker/share',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'app://workbench/index.html',
    'https://docs.aws.amazon.com.evil.example/',
    'https://evilgithub.com/',
    'https://user:pass@github.com/',
    'https://docs.aws.amazon.com@evil.example/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('allowListedOpener', () => {
  it('hands only allowed links to the shell', async () => {
    const opened: string[] = [];
    const open = allowListedOpener({ openExternal: async (url) => void opened.push(url) });
    await open('https://docs.aws.amazon.com/chime-sdk/');
    await expect(open('file:///etc/passwd')).rejects.toThrow(/not an allow-listed https link/);
    expect(opened).toEqual(['https://docs.aws.amazon.com/chime-sdk/']);
  });
});
