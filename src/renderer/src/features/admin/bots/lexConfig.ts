/**
 * The bot's Lex configuration as the form edits it. The service takes either
 * RespondsTo (the bot answers every standard message) or InvokedBy (which
 * messages invoke it), not both; the form makes that a single choice.
 */
import { RESPONDS_TO, STANDARD_MESSAGES, TARGETED_MESSAGES } from '../../../../../shared/chime/shapes';
import type { Bot } from '../chimeModels';

export interface Invocation {
  readonly mode: 'respondsTo' | 'invokedBy';
  readonly standardMessages: string;
  readonly targetedMessages: string;
}

export function initialInvocation(bot: Bot | undefined): Invocation {
  const lex = bot?.Configuration?.Lex;
  return {
    mode: lex?.InvokedBy ? 'invokedBy' : 'respondsTo',
    standardMessages: lex?.InvokedBy?.StandardMessages ?? STANDARD_MESSAGES[0],
    targetedMessages: lex?.InvokedBy?.TargetedMessages ?? TARGETED_MESSAGES[0],
  };
}

export function toConfiguration(values: { aliasArn: unknown; localeId: unknown; welcomeIntent: unknown }, invocation: Invocation) {
  return {
    Lex: {
      LexBotAliasArn: values.aliasArn,
      LocaleId: values.localeId,
      WelcomeIntent: values.welcomeIntent,
      ...(invocation.mode === 'respondsTo'
        ? { RespondsTo: RESPONDS_TO[0] }
        : { InvokedBy: { StandardMessages: invocation.standardMessages, TargetedMessages: invocation.targetedMessages } }),
    },
  };
}
