/**
 * The push-readiness doctor over IPC (issue 14). `doctor:run` answers the
 * whole report when every check is done; meanwhile each check arrives as a
 * `doctor:check` event tagged with the run's id, so the region fills in as
 * checks complete. A new run cancels the one before it (it answers
 * Cancelled). The report holds no secret: fixes name placeholders for keys.
 */
import { z } from 'zod';
import { channel, event } from './define';
import { shapeSchema } from '../chime/schema';
import { ChimeArn, String64 } from '../chime/shapes';
import type { DoctorCheck, DoctorReport } from '../doctor/report';
import { messageAttributesSchema } from '../push/testPush';

const arn = shapeSchema(ChimeArn) as z.ZodType<string>;

export const doctorRunSchema = z.strictObject({
  /** Chosen by the renderer, so it can tell this run's `doctor:check` events from an earlier one's. */
  runId: z.string().min(1).max(64),
  userArn: arn,
  /** One endpoint; without it, every endpoint of the user. */
  endpointId: z.string().min(1).max(String64.max ?? 64).optional(),
  /** Ask about VoIP pushes too (a VoIP token present, the VoIP channel). */
  voip: z.boolean().default(false),
  /** The channel whose membership preferences are checked (default: the tagged test channel). */
  channelArn: arn.optional(),
  /** The message the preferences are judged for (a FILTERED rule); none: a message without attributes. */
  messageAttributes: messageAttributesSchema.optional(),
});

export type DoctorRunInput = z.output<typeof doctorRunSchema>;

export interface DoctorCheckEvent {
  readonly runId: string;
  readonly endpointId: string;
  readonly check: DoctorCheck;
}

export const doctorChannels = {
  'doctor:run': channel<DoctorReport>()(doctorRunSchema),
};

export const doctorEvents = {
  'doctor:check': event<DoctorCheckEvent>(),
};
