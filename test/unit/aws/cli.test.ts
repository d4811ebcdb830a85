import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCliCommand, kebabCase, powershellQuote, shellQuote, tokenPlaceholders } from '../../../src/shared/aws/cli';
import { ENVIRONMENT_PROFILE } from '../../../src/shared/aws/types';

const USER = 'arn:aws:chime:us-east-1:111122223333:app-instance/abc/user/alice';
const profile = { kind: 'profile', profile: 'dev', region: 'us-east-1' } as const;

/** What a POSIX shell passes to the program: the words after `aws`. */
function shellWords(command: string): string[] {
  const script = `printf '%s\\0' ${command.replace(/^aws /, '')}`;
  return execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

describe('kebabCase', () => {
  it('follows botocore naming, acronyms included', () => {
    expect(kebabCase('ListAppInstanceUsers')).toBe('list-app-instance-users');
    expect(kebabCase('ResourceARN')).toBe('resource-arn');
    expect(kebabCase('AppInstanceUserArn')).toBe('app-instance-user-arn');
    expect(kebabCase('MaxResults')).toBe('max-results');
  });
});

describe('buildCliCommand', () => {
  it('builds a list call with integers plain and the profile and region', () => {
    expect(buildCliCommand('ListAppInstanceUsers', { AppInstanceArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/abc', MaxResults: 25 }, profile)).toBe(
      'aws chime-sdk-identity list-app-instance-users --app-instance-arn arn:aws:chime:us-east-1:111122223333:app-instance/abc --max-results 25 --profile dev --region us-east-1',
    );
  });

  it('writes flat structures as shorthand, leaves out the idempotency token and targets the sandbox by URL', () => {
    const input = {
      AppInstanceUserArn: USER,
      Name: "Alice's iPhone",
      Type: 'APNS',
      ResourceArn: 'arn:aws:mobiletargeting:us-east-1:111122223333:apps/0123',
      EndpointAttributes: { DeviceToken: 'a'.repeat(64) },
      ClientRequestToken: 'tok-1',
      AllowMessages: 'ALL',
    };
    const command = buildCliCommand('RegisterAppInstanceUserEndpoint', input, { kind: 'sandbox', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' });
    expect(command).toBe(
      `aws chime-sdk-identity register-app-instance-user-endpoint --app-instance-user-arn ${USER} --name 'Alice'\\''s iPhone' --type APNS ` +
        `--resource-arn arn:aws:mobiletargeting:us-east-1:111122223333:apps/0123 --endpoint-attributes DeviceToken=${'a'.repeat(64)} ` +
        `--allow-messages ALL --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
    expect(shellWords(command)).toContain(`DeviceToken=${'a'.repeat(64)}`);
    // A reused ClientRequestToken would answer ConflictException (or replay the old call): the CLI makes a fresh one.
    expect(command).not.toContain('client-request-token');
  });

  it('uses member names from the operation table (ResourceARN, TagKeys) and skips absent members', () => {
    const command = buildCliCommand('UntagResource', { ResourceARN: USER, TagKeys: ['env', 'team'] }, { kind: 'profile', profile: ENVIRONMENT_PROFILE, region: 'eu-central-1' });
    expect(command).toBe(`aws chime-sdk-identity untag-resource --resource-arn ${USER} --tag-keys '["env","team"]' --region eu-central-1`);
    expect(buildCliCommand('ListAppInstances', {}, profile)).toBe('aws chime-sdk-identity list-app-instances --profile dev --region us-east-1');
  });

  it('keeps hostile strings literal in a real shell', () => {
    const hostile = [`$(touch /tmp/pwned) \`id\` $HOME; rm -rf / && echo "x" | cat`, "it's", "'", '', '\n\t', '*', '~root', '!history', '-starts-with-dash', 'née 🚀 \\'];
    for (const value of hostile) {
      const command = buildCliCommand('UpdateAppInstanceUser', { AppInstanceUserArn: USER, Name: value, Metadata: value }, profile);
      const words = shellWords(command);
      const nameArg = words.find((w) => w.startsWith('--name'));
      const at = words.indexOf('--name');
      expect(at >= 0 ? words[at + 1] : nameArg?.slice('--name='.length)).toBe(value);
      expect(words).toContain('dev');
    }
  });

  it('sends paramfile-looking values through --cli-input-json, which the CLI takes verbatim', () => {
    const command = buildCliCommand('UpdateAppInstanceUser', { AppInstanceUserArn: USER, Name: 'file:///etc/passwd', Metadata: 'ok' }, profile);
    expect(command).not.toContain('--name');
    expect(shellWords(command)).toContain('{"Name":"file:///etc/passwd"}');
  });

  it('lays out one argument per line on request', () => {
    const command = buildCliCommand('DescribeAppInstanceUser', { AppInstanceUserArn: USER }, profile, { multiline: true });
    expect(command.split('\n')).toEqual([
      'aws chime-sdk-identity describe-app-instance-user \\',
      `  --app-instance-user-arn ${USER} \\`,
      '  --profile dev \\',
      '  --region us-east-1',
    ]);
  });

  it('quotes profile names', () => {
    expect(shellQuote('my profile')).toBe(`'my profile'`);
    expect(buildCliCommand('ListAppInstances', {}, { kind: 'profile', profile: 'a b', region: 'us-east-1' })).toContain(`--profile 'a b'`);
  });

  it('puts placeholders where tokens are hidden, never the shortened token', () => {
    const logged = { AppInstanceUserArn: USER, Type: 'APNS', ResourceArn: 'arn:aws:mobiletargeting:us-east-1:111122223333:apps/0123', EndpointAttributes: { DeviceToken: 'a1b2…9f0e', VoipDeviceToken: 'c3d4…1a2b' }, ClientRequestToken: 'tok-1' };
    const command = buildCliCommand('RegisterAppInstanceUserEndpoint', tokenPlaceholders(logged), profile);
    expect(shellWords(command)).toContain('DeviceToken=<DEVICE_TOKEN>,VoipDeviceToken=<VOIP_DEVICE_TOKEN>');
    expect(command).not.toContain('…');
    // Other members are untouched.
    expect(tokenPlaceholders(logged).ResourceArn).toBe(logged.ResourceArn);
  });

  it('keeps an FCM token (colon, dash, underscore) whole in shorthand through a real shell', () => {
    const fcm = `dQw4w9WgXcQ:APA91bH-${'x_'.repeat(70)}`;
    const command = buildCliCommand('RegisterAppInstanceUserEndpoint', { AppInstanceUserArn: USER, Type: 'GCM', EndpointAttributes: { DeviceToken: fcm } }, profile);
    expect(shellWords(command)).toContain(`DeviceToken=${fcm}`);
  });

  it('falls back to JSON for values the shorthand cannot carry', () => {
    const command = buildCliCommand('UpdateAppInstanceUserEndpoint', { AppInstanceUserArn: USER, EndpointId: 'e1', Name: 'x' }, profile);
    expect(command).toContain('--name x');
    const tagged = buildCliCommand('TagResource', { ResourceARN: USER, Tags: [{ Key: 'team', Value: 'a,b' }] }, profile);
    expect(shellWords(tagged)).toContain('[{"Key":"team","Value":"a,b"}]');
  });

  it('quotes for PowerShell on request: single quotes doubled, backtick line continuations', () => {
    expect(powershellQuote('plain-value')).toBe('plain-value');
    expect(powershellQuote("Alice's $(calc) `n @x")).toBe("'Alice''s $(calc) `n @x'");
    expect(powershellQuote('-starts')).toBe("'-starts'");
    expect(powershellQuote('a,b')).toBe("'a,b'");
    const command = buildCliCommand('UpdateAppInstanceUser', { AppInstanceUserArn: USER, Name: "Bob's", Metadata: '{"a":1}' }, profile, { shell: 'powershell', multiline: true });
    expect(command.split('\n')).toEqual([
      'aws chime-sdk-identity update-app-instance-user `',
      `  --app-instance-user-arn ${USER} \``,
      "  --name 'Bob''s' `",
      `  --metadata '{"a":1}' \``,
      '  --profile dev `',
      '  --region us-east-1',
    ]);
  });

  it('gives the same words in bash as in sh', () => {
    const command = buildCliCommand('UpdateAppInstanceUser', { AppInstanceUserArn: USER, Name: "it's $HOME `id` !x", Metadata: '{"a":"b c"}' }, profile);
    const script = `printf '%s\\0' ${command.replace(/^aws /, '')}`;
    const bash = execFileSync('/bin/bash', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
    expect(bash).toEqual(shellWords(command));
    expect(bash).toContain("it's $HOME `id` !x");
  });
});
