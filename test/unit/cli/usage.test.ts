/**
 * The parser: `--help` on every command, bad usage exits 2 with one line (and
 * a JSON document with --json), the completion script lists what exists.
 * Nothing here reaches a service.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { cli } from './support';

const COMMANDS = [
  [],
  ['endpoints'],
  ['endpoints', 'list'],
  ['endpoints', 'register'],
  ['endpoints', 'update'],
  ['endpoints', 'deregister'],
  ['await-state'],
  ['push'],
  ['push', 'chime'],
  ['push', 'apns'],
  ['push', 'fcm'],
  ['doctor'],
  ['devices'],
  ['devices', 'create'],
  ['devices', 'list'],
  ['deliveries'],
  ['smoke'],
  ['completion'],
];

test.each(COMMANDS.map((c) => [c.join(' ') || '(program)', c] as const))(
  '%s --help exits 0 with its usage',
  async (_name, command) => {
    const run = await cli([...command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: chime-workbench${command.length ? ` ${command.join(' ')}` : ''}`);
  },
);

test('the contract flags are on the commands that need them', async () => {
  const help = async (...command: string[]) => (await cli([...command, '--help'])).stdout;
  expect(await help('endpoints', 'register')).toMatch(
    /--user[\s\S]*--type[\s\S]*--token[\s\S]*--voip-token[\s\S]*--pinpoint-arn[\s\S]*--name[\s\S]*--allow-messages[\s\S]*--client-request-token/,
  );
  expect(await help('push', 'apns')).toMatch(
    /--token[\s\S]*--topic[\s\S]*--environment[\s\S]*--key-file[\s\S]*--key-id[\s\S]*--team-id[\s\S]*--cert-file[\s\S]*--cert-passphrase-env[\s\S]*--push-type[\s\S]*--priority[\s\S]*--payload/,
  );
  expect(await help('doctor')).toMatch(/--user[\s\S]*--endpoint-id[\s\S]*--channel[\s\S]*--voip[\s\S]*--fail-on/);
  expect(await help()).toMatch(
    /--profile[\s\S]*--region[\s\S]*--endpoint-url[\s\S]*--json[\s\S]*--quiet[\s\S]*--no-color/,
  );
});

test.each([
  [['bogus'], "unknown command 'bogus'"],
  [['endpoints', 'list'], "required option '--user <arn>' not specified"],
  [['endpoints', 'list', '--user', 'u', '--frobnicate'], "unknown option '--frobnicate'"],
  [
    ['endpoints', 'register', '--user', 'u', '--type', 'WINDOWS', '--token', 't', '--pinpoint-arn', 'p'],
    "option '--type <type>' argument 'WINDOWS' is invalid",
  ],
  [['doctor', '--user', 'u', '--fail-on', 'never'], "argument 'never' is invalid"],
  [['--region', 'mars-1', 'endpoints', 'list', '--user', 'u'], '--region needs a region name'],
  [['--endpoint-url', 'not a url', 'endpoints', 'list', '--user', 'u'], '--endpoint-url needs a URL'],
  [['--json', 'sandbox', '--port', '0'], 'put "sandbox" first'],
  [['completion', 'fish'], 'completion knows bash'],
] as const)('%j is bad usage: exit 2 and one line', async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test('with --json, bad usage also prints one JSON document on stdout', async () => {
  const run = await cli(['--json', 'endpoints', 'list']);
  expect(run.code).toBe(2);
  expect(run.json()).toEqual({
    schemaVersion: 1,
    error: { exitCode: 2, code: 'Usage', message: "required option '--user <arn>' not specified" },
  });
});

test('a command group without its subcommand shows its help and exits 2', async () => {
  const run = await cli(['push']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Usage: chime-workbench push');
});

test('the bash completion script offers the commands, subcommands and flags that exist', async () => {
  const run = await cli(['completion', 'bash']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('complete -F _chime_workbench chime-workbench');
  // What bash offers after `chime-workbench …<TAB>`, by sourcing the script and calling its function.
  const offered = (words: readonly string[]) => {
    const script = `${run.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _chime_workbench; echo "\${COMPREPLY[*]}"`;
    return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim().split(' ');
  };
  expect(offered(['chime-workbench', ''])).toEqual([
    'endpoints',
    'await-state',
    'push',
    'doctor',
    'devices',
    'deliveries',
    'smoke',
    'sandbox',
    'completion',
    '--version',
    '--profile',
    '--region',
    '--endpoint-url',
    '--json',
    '--quiet',
    '--no-color',
    '--help',
  ]);
  expect(offered(['chime-workbench', '--json', 'push', 'a'])).toEqual(['apns']);
  expect(offered(['chime-workbench', 'push', 'apns', '--cert'])).toEqual(['--cert-file', '--cert-passphrase-env']);
  expect(offered(['chime-workbench', 'endpoints', 'list', '--user', 'x', '--j'])).toEqual(['--json']);
});
