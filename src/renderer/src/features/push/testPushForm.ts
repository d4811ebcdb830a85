/**
 * The "Send test push" form's values and their checks, from the shared rules
 * (Title 1–50, Body 1–150, MessageAttributes as KEY=VALUE lines): what the
 * dialog shows under each field while typing, and the message it sends.
 */
import {
  parseAttributePairs,
  PUSH_BODY_MAX,
  PUSH_TITLE_MAX,
  type MessageAttributeMap,
  type PushType,
} from '../../../../shared/push/testPush';

export interface TestPushForm {
  readonly title: string;
  readonly body: string;
  readonly pushType: PushType;
  /** One KEY=VALUE per line; empty lines are ignored. */
  readonly attributes: string;
}

export const EMPTY_TEST_PUSH: TestPushForm = {
  title: 'Test push',
  body: 'Sent from Chime Endpoint Workbench',
  pushType: 'DEFAULT',
  attributes: '',
};

export interface TestPushFormCheck {
  readonly title?: string;
  readonly body?: string;
  readonly attributes?: string;
  /** Parsed attributes when they are valid (undefined: none given). */
  readonly messageAttributes?: MessageAttributeMap;
}

export function checkTestPushForm(form: TestPushForm): TestPushFormCheck {
  const length = (s: string) => [...s].length;
  const title = !form.title
    ? 'Title is required'
    : length(form.title) > PUSH_TITLE_MAX
      ? `Title is at most ${PUSH_TITLE_MAX} characters (now ${length(form.title)})`
      : undefined;
  const body = !form.body
    ? 'Body is required'
    : length(form.body) > PUSH_BODY_MAX
      ? `Body is at most ${PUSH_BODY_MAX} characters (now ${length(form.body)})`
      : undefined;
  const lines = form.attributes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const parsed = lines.length ? parseAttributePairs(lines) : undefined;
  return {
    ...(title && { title }),
    ...(body && { body }),
    ...(parsed && !parsed.ok && { attributes: `Message attributes: ${parsed.error}` }),
    ...(parsed?.ok && { messageAttributes: parsed.value }),
  };
}

export const hasProblems = (c: TestPushFormCheck) => Boolean(c.title || c.body || c.attributes);
