import type { SliceCreator } from '../../../store';
import { getApi } from '../../../api';
import type { Result } from '../../../../../shared/errors';
import type { ChimeOutput } from '../../../../../shared/ipc/chimeTypes';
import { loadInto, type Resource } from '../../../store/resource';
import type { Collected } from '../../../../../shared/chime/paging';
import { listAll } from '../../pages/listAll';
import type { Bot, BotSummary } from '../chimeModels';

export interface BotsSlice {
  /** Keyed by the AppInstance ARN. */
  readonly bots?: Resource<Collected<BotSummary>>;
  readonly botDetail?: Resource<Bot | undefined>;
  loadBots(appInstanceArn: string): Promise<void>;
  describeBot(botArn: string): Promise<void>;
  closeBot(): void;
  createBot(input: Record<string, unknown>): Promise<Result<ChimeOutput<'CreateAppInstanceBot'>>>;
  updateBot(input: Record<string, unknown>): Promise<Result<ChimeOutput<'UpdateAppInstanceBot'>>>;
  deleteBot(botArn: string): Promise<Result<unknown>>;
}

export const createBotsSlice: SliceCreator<BotsSlice> = (set, get) => {
  const reloadList = () => {
    const arn = get().bots?.key ?? get().selectedAppInstanceArn;
    return arn ? get().loadBots(arn) : Promise.resolve();
  };
  return {
    async loadBots(appInstanceArn) {
      await loadInto(
        appInstanceArn,
        () => listAllBots(appInstanceArn),
        () => get().bots,
        (bots) => set({ bots }),
      );
    },

    async describeBot(botArn) {
      await loadInto(
        botArn,
        async () => {
          const result = await getApi()['chime:DescribeAppInstanceBot']({ AppInstanceBotArn: botArn });
          return result.ok ? { ok: true, value: result.value.AppInstanceBot } : result;
        },
        () => get().botDetail,
        (botDetail) => set({ botDetail }),
      );
    },

    closeBot: () => set({ botDetail: undefined }),

    async createBot(input) {
      const result = await getApi()['chime:CreateAppInstanceBot'](input);
      if (result.ok) {
        await reloadList();
        if (result.value.AppInstanceBotArn) void get().describeBot(result.value.AppInstanceBotArn);
      }
      return result;
    },

    async updateBot(input) {
      const result = await getApi()['chime:UpdateAppInstanceBot'](input);
      if (result.ok && typeof input.AppInstanceBotArn === 'string') {
        void get().describeBot(input.AppInstanceBotArn);
        void reloadList();
      }
      return result;
    },

    async deleteBot(botArn) {
      const result = await getApi()['chime:DeleteAppInstanceBot']({ AppInstanceBotArn: botArn });
      if (result.ok) {
        if (get().botDetail?.key === botArn) set({ botDetail: undefined });
        await reloadList();
      }
      return result;
    },
  };
};

export function listAllBots(appInstanceArn: string, maxPages?: number) {
  return listAll('ListAppInstanceBots', { AppInstanceArn: appInstanceArn }, maxPages);
}
