import type { Command, Option } from 'commander';

/** What a shell needs to know about one option: its spellings, whether it takes a value, and the fixed values. */
export interface CompletionOption {
  /** `--dry-run`, `-y`: every spelling, long first. */
  names: string[];
  description: string;
  takesValue: boolean;
  /** The values of an option declared with commander's `.choices()`. */
  choices: string[];
}

/** One command of the tree: `[]` is teamops itself, `['okr', 'create']` a verb. */
export interface CompletionCommand {
  path: string[];
  description: string;
  subcommands: Array<{ name: string; description: string }>;
  /** The command's own options; the root's are global and apply under every command. */
  options: CompletionOption[];
  /** Fixed values of a positional argument (`teamops completion <shell>`). */
  argumentChoices: string[];
}

/**
 * Reads the commands and options out of commander itself, so completion can never list a flag
 * that does not exist or miss one that was added.
 */
export function readCommandTree(root: Command): CompletionCommand[] {
  const commands: CompletionCommand[] = [];
  const visit = (command: Command, path: string[]) => {
    const visible = command.commands;
    commands.push({
      path,
      description: command.description(),
      subcommands: visible.map((sub) => ({ name: sub.name(), description: sub.description() })),
      options: [...command.options.filter((option) => !option.hidden).map(completionOption), helpOption()],
      argumentChoices:
        // `teamops help okr create` names commands.
        command.name() === 'help' && command.parent === root
          ? root.commands.filter((sub) => sub !== command).map((sub) => sub.name())
          : command.registeredArguments.flatMap((argument) => argument.argChoices ?? []),
    });
    for (const sub of visible) visit(sub, [...path, sub.name()]);
  };
  visit(root, []);
  return commands;
}

function completionOption(option: Option): CompletionOption {
  return {
    names: [option.long, option.short].filter((name): name is string => name !== undefined),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? [],
  };
}

function helpOption(): CompletionOption {
  return { names: ['--help', '-h'], description: 'display help for command', takesValue: false, choices: [] };
}
