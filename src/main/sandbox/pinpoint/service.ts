/**
 * Amazon Pinpoint / AWS End User Messaging Push (REST-JSON, signing name
 * `mobiletargeting`), served from the official model (model.json): apps
 * (CreateApp, GetApp, GetApps, DeleteApp), GetChannels and Get/Update/Delete
 * of the APNs, APNs sandbox, APNs VoIP, APNs VoIP sandbox and GCM channels.
 * Pinpoint's own error bodies: `{"Message","RequestID"}` with the
 * `x-amzn-ErrorType` header (the body has no code, so clients need the header).
 *
 * Channel credentials are checked as the console does: APNs needs a
 * certificate and private key, or a token key with its key id, team id and
 * bundle id; GCM needs an ApiKey or a ServiceJson (FCM v1, with
 * DefaultAuthenticationMethod TOKEN).
 */
import { randomBytes } from 'node:crypto';
import { SandboxError } from '../core/errors';
import { restJsonError, type FaultErrors, type SandboxCore, type SandboxService } from '../core/service';
import { RestJsonModel, type ServiceModel } from '../protocols/restJson';
import modelJson from './model.json';
import { CHANNEL_KINDS, pinpointSlice, PinpointState, type ChannelKind, type PinpointAppRecord, type PushChannelRecord } from './state';

export { PinpointState, CHANNEL_KINDS, type ChannelKind, type PinpointAppRecord, type PushChannelRecord } from './state';

const err = (type: string, message: string) => new SandboxError(type, message);
const badRequest = (m: string) => err('BadRequestException', m);
const notFound = (m: string) => err('NotFoundException', m);

export const PINPOINT_FAULT_ERRORS: FaultErrors = {
  throttled: (m) => err('TooManyRequestsException', m),
  unavailable: (m) => new SandboxError('ServiceUnavailableException', m, 503),
  denied: (m) => err('ForbiddenException', m),
  unauthorized: (m) => err('ForbiddenException', m),
  internal: (m) => err('InternalServerErrorException', m),
};

/** The page size GetApps uses when PageSize is not given. */
export const DEFAULT_APPS_PAGE_SIZE = 50;

const APP_ARN = /^arn:aws:mobiletargeting:([^:]+):(\d{12}):apps\/([^/]+)$/;

const OPERATION_KIND: Record<string, ChannelKind> = {
  Apns: 'apns',
  ApnsSandbox: 'apns_sandbox',
  ApnsVoip: 'apns_voip',
  ApnsVoipSandbox: 'apns_voip_sandbox',
  Gcm: 'gcm',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = Record<string, any>;

export function createPinpointService(core: SandboxCore, options: { state?: PinpointState } = {}): SandboxService & {
  readonly pinpoint: PinpointState;
  /** Whether `arn` names an app of this Pinpoint (region and account included). */
  appExists(arn: string): boolean;
  createApp(name: string, id?: string): PinpointAppRecord;
} {
  const state = options.state ?? new PinpointState();
  const model = new RestJsonModel(modelJson as unknown as ServiceModel);
  const iso = (ms: number) => new Date(ms).toISOString();

  function requireApp(id: string): PinpointAppRecord {
    const app = state.apps.get(id);
    if (!app) throw notFound('Resource not found');
    return app;
  }

  const appWire = (a: PinpointAppRecord) => ({ Arn: a.arn, Id: a.id, Name: a.name, tags: a.tags, CreationDate: iso(a.created) });

  function channelWire(app: PinpointAppRecord, c: PushChannelRecord): Record<string, unknown> {
    const gcm = c.kind === 'gcm';
    return {
      ApplicationId: app.id,
      CreationDate: iso(c.created),
      DefaultAuthenticationMethod: c.defaultAuthenticationMethod,
      Enabled: c.enabled,
      HasCredential: Object.keys(c.credentials).length > 0,
      ...(gcm ? { HasFcmServiceCredentials: c.credentials['ServiceJson'] !== undefined } : { HasTokenKey: c.credentials['TokenKey'] !== undefined }),
      Id: c.kind,
      IsArchived: false,
      LastModifiedBy: '',
      LastModifiedDate: iso(c.updated),
      Platform: CHANNEL_KINDS[c.kind],
      Version: c.version,
    };
  }

  function credentialsOf(kind: ChannelKind, request: Input, previous: PushChannelRecord | undefined): { credentials: Record<string, string>; method?: string } {
    const fields = kind === 'gcm' ? ['ApiKey', 'ServiceJson'] : ['BundleId', 'Certificate', 'PrivateKey', 'TeamId', 'TokenKey', 'TokenKeyId'];
    const given: Record<string, string> = {};
    for (const f of fields) if (typeof request[f] === 'string' && request[f] !== '') given[f] = request[f];
    const credentials = Object.keys(given).length > 0 ? given : (previous?.credentials ?? {});
    const method = (request['DefaultAuthenticationMethod'] as string | undefined) ?? previous?.defaultAuthenticationMethod;
    if (kind === 'gcm') {
      if (!credentials['ApiKey'] && !credentials['ServiceJson']) throw badRequest('Missing credentials: give ApiKey or ServiceJson');
      if (credentials['ServiceJson']) {
        try {
          const json = JSON.parse(credentials['ServiceJson']) as Record<string, unknown>;
          if (json['type'] !== 'service_account' || typeof json['private_key'] !== 'string' || typeof json['client_email'] !== 'string') throw new Error();
        } catch {
          throw badRequest('ServiceJson is not a service-account JSON (type service_account, private_key, client_email)');
        }
      }
      if (method !== undefined && method !== 'KEY' && method !== 'TOKEN') throw badRequest(`Invalid DefaultAuthenticationMethod ${method} (KEY or TOKEN)`);
      return { credentials, method: method ?? (credentials['ServiceJson'] ? 'TOKEN' : 'KEY') };
    }
    const certificate = credentials['Certificate'] !== undefined && credentials['PrivateKey'] !== undefined;
    const token = ['TokenKey', 'TokenKeyId', 'TeamId', 'BundleId'].every((f) => credentials[f] !== undefined);
    if (!certificate && !token) {
      throw badRequest('Missing credentials: give Certificate and PrivateKey, or TokenKey, TokenKeyId, TeamId and BundleId');
    }
    if (method !== undefined && method !== 'CERTIFICATE' && method !== 'TOKEN') throw badRequest(`Invalid DefaultAuthenticationMethod ${method} (CERTIFICATE or TOKEN)`);
    return { credentials, method: method ?? (certificate ? 'CERTIFICATE' : 'TOKEN') };
  }

  function createApp(name: string, id = randomBytes(16).toString('hex'), tags: Record<string, string> = {}): PinpointAppRecord {
    const app: PinpointAppRecord = { id, arn: `arn:aws:mobiletargeting:${core.region}:${core.account}:apps/${id}`, name, tags, created: core.now(), channels: {} };
    state.apps.set(id, app);
    return app;
  }

  const handlers: Record<string, (input: Input) => Record<string, unknown> | undefined> = {
    CreateApp: (input) => {
      const request = input['CreateApplicationRequest'] as Input;
      if (typeof request['Name'] !== 'string' || request['Name'] === '') throw badRequest('Name is required');
      return { ApplicationResponse: appWire(createApp(request['Name'], undefined, (request['tags'] as Record<string, string> | undefined) ?? {})) };
    },
    GetApp: (input) => ({ ApplicationResponse: appWire(requireApp(input['ApplicationId'])) }),
    GetApps: (input) => {
      const sizeText = input['PageSize'] as string | undefined;
      const size = sizeText === undefined ? DEFAULT_APPS_PAGE_SIZE : Number(sizeText);
      if (!/^\d+$/.test(sizeText ?? '1') || size < 1 || size > 1000) throw badRequest(`PageSize must be a whole number from 1 to 1000, got ${sizeText}`);
      const { items, NextToken } = core.pages.page(state.apps, 'pinpoint-apps', { MaxResults: size, NextToken: input['Token'] });
      return { ApplicationsResponse: { Item: items.map(appWire), NextToken } };
    },
    DeleteApp: (input) => {
      const app = requireApp(input['ApplicationId']);
      state.apps.delete(app.id);
      return { ApplicationResponse: appWire(app) };
    },
    GetChannels: (input) => {
      const app = requireApp(input['ApplicationId']);
      const channels: Record<string, unknown> = {};
      for (const c of Object.values(app.channels)) {
        const { HasTokenKey: _t, HasFcmServiceCredentials: _f, DefaultAuthenticationMethod: _d, Platform: _p, ...rest } = channelWire(app, c);
        channels[CHANNEL_KINDS[c.kind]] = rest;
      }
      return { ChannelsResponse: { Channels: channels } };
    },
  };

  for (const [suffix, kind] of Object.entries(OPERATION_KIND)) {
    const wireName = outputMember(model, `Get${suffix}Channel`);
    const requestName = inputPayload(model, `Update${suffix}Channel`);
    handlers[`Get${suffix}Channel`] = (input) => {
      const app = requireApp(input['ApplicationId']);
      const channel = app.channels[kind];
      if (!channel) throw notFound('Resource not found');
      return { [wireName]: channelWire(app, channel) };
    };
    handlers[`Update${suffix}Channel`] = (input) => {
      const app = requireApp(input['ApplicationId']);
      const request = input[requestName] as Input;
      const previous = app.channels[kind];
      const { credentials, method } = credentialsOf(kind, request, previous);
      const now = core.now();
      const channel: PushChannelRecord = {
        kind,
        enabled: (request['Enabled'] as boolean | undefined) ?? previous?.enabled ?? true,
        defaultAuthenticationMethod: method,
        credentials,
        created: previous?.created ?? now,
        updated: now,
        version: (previous?.version ?? 0) + 1,
      };
      app.channels[kind] = channel;
      return { [wireName]: channelWire(app, channel) };
    };
    handlers[`Delete${suffix}Channel`] = (input) => {
      const app = requireApp(input['ApplicationId']);
      const channel = app.channels[kind];
      if (!channel) throw notFound('Resource not found');
      delete app.channels[kind];
      return { [wireName]: channelWire(app, channel) };
    };
  }

  const appExists = (arn: string) => {
    const m = APP_ARN.exec(arn);
    return m !== null && m[1] === core.region && m[2] === core.account && state.apps.has(m[3] ?? '');
  };

  return {
    name: 'pinpoint',
    pinpoint: state,
    appExists,
    createApp: (name, id) => createApp(name, id),
    auth: { kind: 'sigv4', signingName: 'mobiletargeting' },
    actionPrefix: 'mobiletargeting',
    faultErrors: PINPOINT_FAULT_ERRORS,
    renderError: (error, requestId) => restJsonError(error, { Message: error.message, RequestID: requestId }),
    state: pinpointSlice(state),
    match(req) {
      const match = model.match(req.method, req.rawPath, req.query);
      if (!match) return undefined;
      const handler = handlers[match.operation];
      if (!handler) return undefined;
      return {
        name: match.operation,
        mutating: req.method !== 'GET',
        run: () => ({ status: match.status, body: model.output(match.operation, handler(model.input(match, req))) }),
      };
    },
  };
}

/** The payload member of an operation's output (`APNSChannelResponse`…). */
function outputMember(model: RestJsonModel, operation: string): string {
  const shape = model.model.operations[operation]?.output?.shape ?? '';
  return model.model.shapes[shape]?.payload ?? '';
}

function inputPayload(model: RestJsonModel, operation: string): string {
  const shape = model.model.operations[operation]?.input?.shape ?? '';
  return model.model.shapes[shape]?.payload ?? '';
}
