#!/usr/bin/env node
/**
 * Writes the parts of the official service models the sandbox serves
 * (operations and the shapes they reach, documentation dropped) next to the
 * service that uses them. Run after updating ../shared/reference/:
 *   node scripts/trim-models.mjs [REFERENCE_DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ref = process.argv[2] ?? '../../shared/reference';
const CHANNELS = ['Apns', 'ApnsSandbox', 'ApnsVoip', 'ApnsVoipSandbox', 'Gcm'].flatMap((c) => [`Get${c}Channel`, `Update${c}Channel`, `Delete${c}Channel`]);
const TARGETS = {
  'src/main/sandbox/messaging/model.json': {
    file: 'chime-sdk-messaging.service-2.json',
    operations: [
      'CreateChannel', 'DescribeChannel', 'ListChannels', 'UpdateChannel', 'DeleteChannel',
      'CreateChannelMembership', 'DescribeChannelMembership', 'ListChannelMemberships', 'ListChannelMembershipsForAppInstanceUser', 'DeleteChannelMembership',
      'PutChannelMembershipPreferences', 'GetChannelMembershipPreferences',
      'SendChannelMessage', 'GetChannelMessage', 'ListChannelMessages',
      'TagResource', 'UntagResource', 'ListTagsForResource',
    ],
  },
  'src/main/sandbox/pinpoint/model.json': {
    file: 'pinpoint.service-2.json',
    operations: ['CreateApp', 'GetApp', 'GetApps', 'DeleteApp', 'GetChannels', ...CHANNELS],
  },
};

const strip = (value) =>
  Array.isArray(value) ? value.map(strip) : value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'documentation' && k !== 'documentationUrl').map(([k, v]) => [k, strip(v)]))
    : value;

for (const [out, { file, operations }] of Object.entries(TARGETS)) {
  const model = JSON.parse(readFileSync(join(ref, file), 'utf8'));
  const shapes = {};
  const visit = (name) => {
    if (!name || shapes[name]) return;
    const shape = model.shapes[name];
    shapes[name] = strip(shape);
    for (const m of Object.values(shape.members ?? {})) visit(m.shape);
    visit(shape.member?.shape);
    visit(shape.key?.shape);
    visit(shape.value?.shape);
  };
  const ops = {};
  for (const name of operations) {
    const op = model.operations[name];
    if (!op) throw new Error(`${file} has no operation ${name}`);
    ops[name] = { name, http: op.http, input: op.input, output: op.output, errors: (op.errors ?? []).map((e) => e.shape) };
    visit(op.input?.shape);
    visit(op.output?.shape);
    for (const e of op.errors ?? []) visit(e.shape);
  }
  const { apiVersion, signingName, serviceId, protocol } = model.metadata;
  writeFileSync(out, `${JSON.stringify({ metadata: { apiVersion, signingName, serviceId, protocol, source: file }, operations: ops, shapes }, null, 1)}\n`);
  console.log(`${out}: ${operations.length} operations, ${Object.keys(shapes).length} shapes`);
}
