/**
 * Runs Doyensec's Electronegativity through its programmatic API with the
 * network cut off, and writes {issues, errors} as JSON.
 *
 * Why offline: Electronegativity fetches translations from S3 and Electron's
 * release list from GitHub on every run (locales/i18n.js,
 * AvailableSecurityFixesGlobalCheck). A security gate must give the same
 * answer on an air-gapped CI machine, so every outbound socket is refused
 * here before the tool loads, and the release-list check is excluded (we pin
 * the Electron version with `electronVersionOverride` instead).
 *
 * Usage: node electronegativity-offline.cjs <input> <result.json> <electronVersion>
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: the network must be cut before the tool's modules load, and the tool is CommonJS. */
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');

function refuse() {
  throw new Error('network disabled for the offline security scan');
}
net.connect = net.createConnection = refuse;
net.Socket.prototype.connect = refuse;
tls.connect = refuse;
// Not even a DNS query: fail name lookups at once instead of waiting on a resolver.
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  process.nextTick(() => done(Object.assign(new Error(`offline scan: no lookup of ${hostname}`), { code: 'ENOTFOUND' })));
};

const [input, resultFile, electronVersion] = process.argv.slice(2);
if (!input || !resultFile || !electronVersion) {
  console.error('usage: electronegativity-offline.cjs <input> <result.json> <electronVersion>');
  process.exit(2);
}
process.env.LANG = 'en-US'; // the bundled locale; also the name of the translation it would fetch

const { writeFileSync } = require('node:fs');
const run = require('@doyensec/electronegativity');

(run.default ?? run)({
  input,
  isRelative: true,
  electronVersionOverride: electronVersion,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  customScan: [],
  parserPlugins: [],
})
  .then((result) => {
    const issues = result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file,
      line: issue.location.line,
      column: issue.location.column,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: Boolean(issue.manualReview),
      description: issue.description,
    }));
    writeFileSync(resultFile, JSON.stringify({ input, electronVersion, checks: result.atomicChecks + result.globalChecks, issues, errors: result.errors }, null, 2));
  })
  .catch((error) => {
    console.error(`Electronegativity failed: ${error && error.message}`);
    process.exit(1);
  });
