/**
 * Collects every property name reachable from what crosses IPC — each
 * channel's output (inside its Result), each event's payload — by asking the
 * TypeScript checker to resolve the contract's own types. A probe module is
 * added to the program in memory; nothing is written to disk.
 */
import path from 'node:path';
import ts from 'typescript';

const PROBE = `
import type { Contract, Events } from './contract';
import type { ChannelOutput, EventPayload } from './define';
import type { Result } from '../errors';
export type Outputs = { [C in keyof Contract]: Result<ChannelOutput<Contract[C]>> };
export type Payloads = { [E in keyof Events]: EventPayload<Events[E]> };
`;

/** property path (e.g. `profiles:list.profiles[].region`) for every reachable property. */
export function ipcPropertyPaths(root: string): { outputs: Map<string, string[]>; payloads: Map<string, string[]> } {
  const probeFile = path.join(root, 'src/shared/ipc/__ipcProbe__.ts');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === probeFile || fileExists(file);
  host.getSourceFile = (file, language, ...rest) =>
    file === probeFile ? ts.createSourceFile(file, PROBE, language) : getSourceFile(file, language, ...rest);

  const program = ts.createProgram([probeFile], options, host);
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(probeFile));
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, host));
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(probeFile)!)!);
  const walk = (name: string) => {
    const alias = exports.find((symbol) => symbol.name === name)!;
    const byKey = new Map<string, string[]>();
    for (const entry of checker.getDeclaredTypeOfSymbol(alias).getProperties()) {
      const paths: string[] = [];
      collect(checker, checker.getTypeOfSymbol(entry), entry.name, paths, new Set());
      byKey.set(entry.name, paths);
    }
    return byKey;
  };
  return { outputs: walk('Outputs'), payloads: walk('Payloads') };
}

function isLibType(type: ts.Type): boolean {
  const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  return declaration !== undefined && /[\\/]typescript[\\/]lib[\\/]/.test(declaration.getSourceFile().fileName);
}

function collect(checker: ts.TypeChecker, type: ts.Type, at: string, paths: string[], seen: Set<ts.Type>): void {
  if (seen.has(type)) return;
  seen.add(type);
  if (type.isUnionOrIntersection()) {
    for (const part of type.types) collect(checker, part, at, paths, seen);
    return;
  }
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    for (const element of checker.getTypeArguments(type as ts.TypeReference)) collect(checker, element, `${at}[]`, paths, seen);
    return;
  }
  if (!(type.flags & ts.TypeFlags.Object) || isLibType(type)) return;
  for (const property of type.getProperties()) {
    const child = `${at}.${property.name}`;
    paths.push(child);
    collect(checker, checker.getTypeOfSymbol(property), child, paths, seen);
  }
  const index = checker.getIndexInfosOfType(type);
  for (const info of index) collect(checker, info.type, `${at}[*]`, paths, seen);
}
