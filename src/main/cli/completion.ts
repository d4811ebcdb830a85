/**
 * `completion bash`: a bash completion script generated from the commander
 * tree (commands, subcommands, each command's flags), so it can never list a
 * command that does not exist. zsh users load it through bashcompinit.
 */
import type { Command } from 'commander';

function flagsOf(command: Command, globals: readonly string[]): string[] {
  return [...command.options.flatMap((o) => [o.long ?? o.short ?? '']).filter(Boolean), ...globals, '--help'];
}

export function bashCompletion(program: Command, bin: string): string {
  const globals = program.options.flatMap((o) => (o.long ? [o.long] : []));
  const children: string[] = [];
  const words: string[] = [];
  const walk = (command: Command, path: string) => {
    const subs = command.commands.map((c) => c.name());
    children.push(`  [${JSON.stringify(path)}]=${JSON.stringify(subs.join(' '))}`);
    words.push(
      `  [${JSON.stringify(path)}]=${JSON.stringify([...subs, ...flagsOf(command, path === '_' ? [] : globals)].join(' '))}`,
    );
    for (const sub of command.commands) walk(sub, `${path} ${sub.name()}`);
  };
  // Keys start with "_" (the program): bash refuses an empty array subscript.
  walk(program, '_');
  const fn = `_${bin.replace(/[^A-Za-z0-9]/g, '_')}`;
  return `# bash completion for ${bin}: source <(${bin} completion bash)   (zsh: autoload -U bashcompinit && bashcompinit first)
${fn}() {
  local -A children=(
${children.join('\n')}
  )
  local -A words=(
${words.join('\n')}
  )
  local path=_ w
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    if [[ " \${children[$path]} " == *" $w "* ]]; then path="$path $w"; fi
  done
  COMPREPLY=( $(compgen -W "\${words[$path]}" -- "\${COMP_WORDS[COMP_CWORD]}") )
}
complete -F ${fn} ${bin}
`;
}
