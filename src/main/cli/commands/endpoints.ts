/**
 * `endpoints list|register|update|deregister`: the app's registration path
 * (the register form's linter and request builder from src/shared, the
 * operations through ConnectionManager.invoke/paginate) behind commands.
 */
import { randomUUID } from 'node:crypto';
import { Option, type Command } from 'commander';
import { collectPages } from '../../../shared/chime/paging';
import {
  ALLOW_MESSAGES,
  ENDPOINT_TYPES,
  type AllowMessagesValue,
  type EndpointType,
} from '../../../shared/chime/shapes';
import {
  comparableToken,
  hasErrors,
  lintEndpointName,
  lintRegistration,
  type RegistrationLint,
} from '../../../shared/chime/tokenLinter';
import { buildRegisterRequest } from '../../../shared/chime/registrationRequest';
import { snapshotFromSummary } from '../../watch/endpointLister';
import type { EndpointSnapshot } from '../../../shared/workspace/watch';
import type { CliContext } from '../context';
import { CliError, ExitCode, fromWorkbenchError, table, usageError } from '../io';
import { USER_FLAG, type Register } from '../command';

export interface RegisterOptions {
  readonly user: string;
  readonly type: EndpointType;
  readonly token: string;
  readonly voipToken?: string;
  readonly pinpointArn: string;
  readonly name?: string;
  readonly allowMessages?: AllowMessagesValue;
  readonly clientRequestToken?: string;
}

/** Every endpoint of a user, as the watcher sees them. */
export async function listEndpoints(ctx: CliContext, userArn: string): Promise<EndpointSnapshot[]> {
  const connections = await ctx.connections();
  const listed = await collectPages(
    (input: { AppInstanceUserArn: string; MaxResults: number; NextToken?: string }) =>
      connections.invoke('ListAppInstanceUserEndpoints', input),
    { AppInstanceUserArn: userArn, MaxResults: 50 },
    (page) => page.AppInstanceUserEndpoints,
  );
  if (!listed.ok) throw fromWorkbenchError(listed.error, 'ListAppInstanceUserEndpoints');
  return listed.value.items.flatMap((s) => snapshotFromSummary(s) ?? []);
}

/** The linter's verdict on a registration; an error exits 2 with the linter's words, a warning goes to stderr. */
async function lintOrFail(ctx: CliContext, options: RegisterOptions): Promise<RegistrationLint> {
  const info = await ctx.info();
  // The account makes the linter's "this Pinpoint app is in another account" check; without an answer it is skipped.
  const caller = await (await ctx.connections()).whoAmI({ signal: ctx.signal });
  const lint = lintRegistration(
    {
      name: options.name ?? '',
      type: options.type,
      deviceToken: options.token,
      voipDeviceToken: options.voipToken ?? '',
      pinpointAppArn: options.pinpointArn,
      allowMessages: (options.allowMessages ?? 'ALL') === 'ALL',
    },
    { region: info.region, ...(caller.ok && { account: caller.value.account }) },
    [],
  );
  if (options.voipToken && options.type === 'GCM')
    throw usageError('--voip-token is for APNS and APNS_SANDBOX endpoints only (FCM has no VoIP token)');
  if (hasErrors(lint)) {
    const problems = Object.entries(lint).flatMap(([field, l]) =>
      l.error ? [`${FLAG_OF[field] ?? field}: ${l.error}`] : [],
    );
    throw new CliError(problems.join(' '), ExitCode.Usage, { code: 'InvalidInput', issues: problems });
  }
  for (const [field, l] of Object.entries(lint)) {
    if (l.warning) ctx.out.warn(`${FLAG_OF[field] ?? field}: ${l.warning}`);
    if (l.hint) ctx.out.progress(`${FLAG_OF[field] ?? field}: ${l.hint}`);
  }
  return lint;
}

const FLAG_OF: Readonly<Record<string, string>> = {
  name: '--name',
  deviceToken: '--token',
  voipDeviceToken: '--voip-token',
  pinpointAppArn: '--pinpoint-arn',
};

/** Registers (the token normalised and linted first); answers the EndpointId and the token as sent. */
export async function registerEndpoint(
  ctx: CliContext,
  options: RegisterOptions,
): Promise<{ endpointId: string; deviceToken: string; voipDeviceToken?: string }> {
  const lint = await lintOrFail(ctx, options);
  const request = buildRegisterRequest(
    {
      name: options.name ?? '',
      type: options.type,
      deviceToken: options.token,
      voipDeviceToken: options.voipToken ?? '',
      pinpointAppArn: options.pinpointArn,
      allowMessages: (options.allowMessages ?? 'ALL') === 'ALL',
    },
    lint,
  );
  const connections = await ctx.connections();
  const answer = await connections.invoke('RegisterAppInstanceUserEndpoint', {
    ...request,
    AppInstanceUserArn: options.user,
    ClientRequestToken: options.clientRequestToken ?? randomUUID(),
  });
  if (!answer.ok) throw fromWorkbenchError(answer.error, 'RegisterAppInstanceUserEndpoint');
  return {
    endpointId: answer.value.EndpointId ?? '',
    deviceToken: lint.deviceToken.value,
    ...(lint.voipDeviceToken.value && { voipDeviceToken: lint.voipDeviceToken.value }),
  };
}

export async function deregisterEndpoint(ctx: CliContext, userArn: string, endpointId: string): Promise<void> {
  const answer = await (
    await ctx.connections()
  ).invoke('DeregisterAppInstanceUserEndpoint', { AppInstanceUserArn: userArn, EndpointId: endpointId });
  if (!answer.ok) throw fromWorkbenchError(answer.error, 'DeregisterAppInstanceUserEndpoint');
}

/** The user's endpoints whose device token (or VoIP token) is `token`, compared normalised (List has no tokens: one Describe each). */
export async function findEndpointsByToken(ctx: CliContext, userArn: string, token: string): Promise<string[]> {
  const connections = await ctx.connections();
  const found: string[] = [];
  for (const endpoint of await listEndpoints(ctx, userArn)) {
    const described = await connections.invoke('DescribeAppInstanceUserEndpoint', {
      AppInstanceUserArn: userArn,
      EndpointId: endpoint.endpointId,
    });
    if (!described.ok) throw fromWorkbenchError(described.error, 'DescribeAppInstanceUserEndpoint');
    const e = described.value.AppInstanceUserEndpoint;
    const type = e?.Type as EndpointType | undefined;
    const wanted = comparableToken(type, token);
    if (
      [e?.EndpointAttributes?.DeviceToken, e?.EndpointAttributes?.VoipDeviceToken].some(
        (t) => t && comparableToken(type, t) === wanted,
      )
    )
      found.push(endpoint.endpointId);
  }
  return found;
}

export const registerEndpoints: Register = (parent: Command, run) => {
  const endpoints = parent
    .command('endpoints')
    .description("list, register, update and deregister a user's push endpoints");

  endpoints
    .command('list')
    .description("the user's endpoints with their state")
    .requiredOption(...USER_FLAG)
    .action(
      run<{ user: string }>(async (ctx, o) => {
        const list = await listEndpoints(ctx, o.user);
        ctx.out.result({ userArn: o.user, endpoints: list }, () =>
          table(
            ['ENDPOINT ID', 'NAME', 'TYPE', 'STATUS', 'REASON', 'ALLOW'],
            list.map((e) => [e.endpointId, e.name, e.type, e.status, e.statusReason, e.allowMessages]),
            'No endpoints.',
          ),
        );
      }),
    );

  endpoints
    .command('register')
    .description(
      "register a device token (normalised and checked by the register form's linter first); prints the EndpointId",
    )
    .requiredOption(...USER_FLAG)
    .addOption(new Option('--type <type>', 'endpoint type').choices(ENDPOINT_TYPES).makeOptionMandatory())
    .requiredOption('--token <token>', 'the device token (APNs hex in any common form, or an FCM registration token)')
    .option('--voip-token <token>', 'the PushKit VoIP token (APNS and APNS_SANDBOX)')
    .requiredOption('--pinpoint-arn <arn>', 'the Pinpoint app ARN (arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID)')
    .option('--name <name>', 'endpoint name')
    .addOption(
      new Option('--allow-messages <value>', 'whether the endpoint receives messages')
        .choices(ALLOW_MESSAGES)
        .default('ALL'),
    )
    .option(
      '--client-request-token <token>',
      'idempotency token: the same token and input answer the same endpoint (default: a fresh one)',
    )
    .action(
      run<RegisterOptions>(async (ctx, o) => {
        const { endpointId } = await registerEndpoint(ctx, o);
        ctx.out.result({ userArn: o.user, endpointId }, () => endpointId);
      }),
    );

  endpoints
    .command('update')
    .description("change an endpoint's name or AllowMessages")
    .requiredOption(...USER_FLAG)
    .requiredOption('--endpoint-id <id>', 'the endpoint')
    .option('--name <name>', 'new name')
    .addOption(new Option('--allow-messages <value>', 'ALL or NONE').choices(ALLOW_MESSAGES))
    .action(
      run<{ user: string; endpointId: string; name?: string; allowMessages?: AllowMessagesValue }>(async (ctx, o) => {
        if (o.name === undefined && o.allowMessages === undefined)
          throw usageError('endpoints update needs --name or --allow-messages');
        const name = o.name === undefined ? undefined : lintEndpointName(o.name);
        if (name?.error) throw usageError(`--name: ${name.error}`);
        const answer = await (
          await ctx.connections()
        ).invoke('UpdateAppInstanceUserEndpoint', {
          AppInstanceUserArn: o.user,
          EndpointId: o.endpointId,
          ...(name && { Name: name.value }),
          ...(o.allowMessages && { AllowMessages: o.allowMessages }),
        });
        if (!answer.ok) throw fromWorkbenchError(answer.error, 'UpdateAppInstanceUserEndpoint');
        ctx.out.result({ userArn: o.user, endpointId: o.endpointId, updated: true }, () => `Updated ${o.endpointId}`);
      }),
    );

  endpoints
    .command('deregister')
    .description('deregister an endpoint, by id or by its device token')
    .requiredOption(...USER_FLAG)
    .option('--endpoint-id <id>', 'the endpoint')
    .option('--token <token>', 'find the endpoint(s) by device token (compared normalised) instead')
    .action(
      run<{ user: string; endpointId?: string; token?: string }>(async (ctx, o) => {
        if ((o.endpointId === undefined) === (o.token === undefined))
          throw usageError('endpoints deregister needs --endpoint-id or --token (one of them)');
        const ids = o.endpointId ? [o.endpointId] : await findEndpointsByToken(ctx, o.user, o.token ?? '');
        if (ids.length === 0) throw usageError(`No endpoint of ${o.user} has this device token`);
        for (const id of ids) {
          await deregisterEndpoint(ctx, o.user, id);
          ctx.out.progress(`Deregistered ${id}`);
        }
        ctx.out.result({ userArn: o.user, deregistered: ids }, () => ids.join('\n'));
      }),
    );
};
