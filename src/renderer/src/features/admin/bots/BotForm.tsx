import { useState } from 'react';
import { useAppStore } from '../../../store';
import { LexBotAliasArn, LexIntentName, Metadata, PlainString, ResourceName } from '../../../../../shared/chime/shapes';
import { ShapeField } from '../../../forms/ShapeField';
import { SubmitRow } from '../../../forms/SubmitRow';
import { TagRowsField } from '../forms/TagRowsField';
import { useShapeForm } from '../../../forms/useShapeForm';
import { useSubmission } from '../../../forms/useSubmission';
import { toTags, useTagRows } from '../forms/useTagRows';
import type { Bot } from '../chimeModels';
import { InvocationFields } from './InvocationFields';
import { initialInvocation, toConfiguration } from './lexConfig';

const FIELDS = {
  name: { label: 'Name', shape: ResourceName },
  metadata: { label: 'Metadata', shape: Metadata },
  aliasArn: { label: 'Lex bot alias ARN', shape: LexBotAliasArn, required: true },
  localeId: { label: 'Locale ID', shape: PlainString, required: true },
  welcomeIntent: { label: 'Welcome intent', shape: LexIntentName },
} as const;

interface BotFormProps {
  readonly appInstanceArn: string;
  /** The bot to update; without it the form creates one. */
  readonly bot?: Bot;
}

/** CreateAppInstanceBot or UpdateAppInstanceBot with the bot's Lex configuration. */
export function BotForm({ appInstanceArn, bot }: BotFormProps) {
  const createBot = useAppStore((s) => s.createBot);
  const updateBot = useAppStore((s) => s.updateBot);
  const lex = bot?.Configuration?.Lex;
  const form = useShapeForm(FIELDS, {
    name: bot?.Name ?? '',
    metadata: bot?.Metadata ?? '',
    aliasArn: lex?.LexBotAliasArn ?? '',
    localeId: lex?.LocaleId ?? '',
    welcomeIntent: lex?.WelcomeIntent ?? '',
  });
  const [invocation, setInvocation] = useState(() => initialInvocation(bot));
  const tags = useTagRows();
  const submission = useSubmission<unknown>(bot ? 'UpdateAppInstanceBot' : 'CreateAppInstanceBot');

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const values = form.validate();
    const tagRows = bot ? undefined : tags.validate();
    if (!values || tagRows === false) return;
    const Configuration = toConfiguration(values, invocation);
    if (bot) {
      // Update replaces name and metadata, so both are always sent (empty clears).
      const input = { AppInstanceBotArn: bot.AppInstanceBotArn, Name: values.name ?? '', Metadata: values.metadata ?? '', Configuration };
      await submission.submit(input, updateBot);
      return;
    }
    const input = { AppInstanceArn: appInstanceArn, Name: values.name, Metadata: values.metadata, Configuration, Tags: toTags(tagRows) };
    const result = await submission.submit(input, createBot);
    if (result?.ok) {
      form.reset();
      tags.reset();
    }
  };

  return (
    <form className="form" aria-label={bot ? 'Edit bot' : 'New bot'} noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="form-row">
        <ShapeField field={form.field('name')} />
        <ShapeField field={form.field('metadata')} multiline />
      </div>
      <ShapeField field={form.field('aliasArn')} placeholder="arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID12345/ALIASID123" />
      <div className="form-row">
        <ShapeField field={form.field('localeId')} placeholder="en_US" />
        <ShapeField field={form.field('welcomeIntent')} />
      </div>
      <InvocationFields value={invocation} onChange={setInvocation} />
      {!bot && <TagRowsField tags={tags} />}
      <SubmitRow label={bot ? 'Save bot' : 'Create bot'} busy={submission.busy} error={submission.error} onRetry={() => void submission.retry()} />
    </form>
  );
}
