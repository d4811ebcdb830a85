/** The service's records as the admin screens use them (IPC output shapes, timestamps in epoch ms). */
import type { ChimeOutput } from '../../../../shared/ipc/chimeTypes';

export type AppInstance = NonNullable<ChimeOutput<'DescribeAppInstance'>['AppInstance']>;
export type AppInstanceUser = NonNullable<ChimeOutput<'DescribeAppInstanceUser'>['AppInstanceUser']>;
export type AdminSummary = NonNullable<ChimeOutput<'ListAppInstanceAdmins'>['AppInstanceAdmins']>[number];
export type AdminDetail = NonNullable<ChimeOutput<'DescribeAppInstanceAdmin'>['AppInstanceAdmin']>;
export type BotSummary = NonNullable<ChimeOutput<'ListAppInstanceBots'>['AppInstanceBots']>[number];
export type Bot = NonNullable<ChimeOutput<'DescribeAppInstanceBot'>['AppInstanceBot']>;
export type Retention = ChimeOutput<'GetAppInstanceRetentionSettings'>;
export type Tag = NonNullable<ChimeOutput<'ListTagsForResource'>['Tags']>[number];
