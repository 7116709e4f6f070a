import { Argument, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { examples } from '../common/global-options.js';
import { readCommandTree } from './command-tree.js';
import { completionScript, SHELLS, type Shell } from './scripts.js';

export interface CompletionOptions {
  shell: Shell;
}

export function registerCompletion(program: Command, deps: Deps, run = runCompletion): Command {
  return program
    .command('completion')
    .description('print a shell completion script for teamops: its commands, flags and their fixed values')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText(
      'after',
      examples(
        'source <(teamops completion bash)                                 # in ~/.bashrc',
        'source <(teamops completion zsh)                                  # in ~/.zshrc, after compinit',
        'teamops completion fish > ~/.config/fish/completions/teamops.fish',
      ),
    )
    .action((shell: Shell, _flags: unknown, command: Command) => {
      let root = command;
      while (root.parent) root = root.parent;
      run({ shell }, deps, root);
    });
}

export function runCompletion(options: CompletionOptions, deps: Deps, root: Command): void {
  deps.io.stdout.write(completionScript(options.shell, readCommandTree(root)));
}
