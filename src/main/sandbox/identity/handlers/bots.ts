/** AppInstanceBots: create, describe, list, update, delete. */
import { randomUUID } from 'node:crypto';
import type {
  CreateAppInstanceBotRequest,
  DeleteAppInstanceBotRequest,
  DescribeAppInstanceBotRequest,
  ListAppInstanceBotsRequest,
  UpdateAppInstanceBotRequest,
} from '@aws-sdk/client-chime-sdk-identity';
import type { BotRecord } from '../state';
import { botArn, requireAppInstance, requireBot, seconds, tagsFrom, type Handler, type HandlerContext } from './context';

const toWire = (b: BotRecord) => ({
  AppInstanceBotArn: b.arn,
  Name: b.name,
  Configuration: b.configuration,
  CreatedTimestamp: seconds(b.created),
  LastUpdatedTimestamp: seconds(b.updated),
  Metadata: b.metadata,
});

const CreateAppInstanceBot: Handler = (input: CreateAppInstanceBotRequest, ctx: HandlerContext) =>
  ctx.idempotency.run('CreateAppInstanceBot', { ...input }, () => {
    const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
    const id = randomUUID();
    const now = ctx.now();
    const bot: BotRecord = {
      arn: botArn(instance.arn, id),
      appInstanceArn: instance.arn,
      id,
      name: input.Name,
      metadata: input.Metadata,
      configuration: { ...input.Configuration },
      created: now,
      updated: now,
      tags: tagsFrom(input.Tags),
    };
    ctx.state.addBot(instance, bot);
    return { result: { AppInstanceBotArn: bot.arn }, resource: `bot:${bot.arn}` };
  });

const DescribeAppInstanceBot: Handler = (input: DescribeAppInstanceBotRequest, ctx: HandlerContext) => ({
  AppInstanceBot: toWire(requireBot(ctx, input.AppInstanceBotArn ?? '')),
});

const ListAppInstanceBots: Handler = (input: ListAppInstanceBotsRequest, ctx: HandlerContext) => {
  const instance = requireAppInstance(ctx, input.AppInstanceArn ?? '');
  const { items, NextToken } = ctx.pages.page(instance.bots, `bots:${instance.arn}`, input);
  return {
    AppInstanceArn: instance.arn,
    AppInstanceBots: items.map((b) => ({ AppInstanceBotArn: b.arn, Name: b.name, Metadata: b.metadata })),
    NextToken,
  };
};

const UpdateAppInstanceBot: Handler = (input: UpdateAppInstanceBotRequest, ctx: HandlerContext) => {
  const bot = requireBot(ctx, input.AppInstanceBotArn ?? '');
  bot.name = input.Name;
  bot.metadata = input.Metadata;
  if (input.Configuration) bot.configuration = { ...input.Configuration };
  bot.updated = ctx.now();
  return { AppInstanceBotArn: bot.arn };
};

const DeleteAppInstanceBot: Handler = (input: DeleteAppInstanceBotRequest, ctx: HandlerContext) => {
  ctx.state.deleteBot(requireBot(ctx, input.AppInstanceBotArn ?? ''));
  return undefined;
};

export const botHandlers = {
  CreateAppInstanceBot,
  DescribeAppInstanceBot,
  ListAppInstanceBots,
  UpdateAppInstanceBot,
  DeleteAppInstanceBot,
};
