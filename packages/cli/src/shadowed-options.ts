import type { Command, Option } from 'commander';

/**
 * Commander lets a parent read its options anywhere on the line, which is how global options work
 * after the command (`streamgank cache stats --cache-dir x`). So the root's `--version` would also
 * take `cache restore <file> --version 2` and print the program's version. Written `--version=2`,
 * the root leaves it alone (its `--version` takes no value) and the command that declares the
 * option gets it: this joins such an option to its value, for every option a command declares
 * under the same name as an ancestor's.
 */
export function joinShadowedOptions(program: Command, argv: readonly string[]): string[] {
  const joined: string[] = [];
  let command = program;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--') {
      joined.push(...argv.slice(index));
      break;
    }
    const sub = argument.startsWith('-')
      ? undefined
      : command.commands.find((candidate) => candidate.name() === argument);
    if (sub) command = sub;
    const own = findOption(command, argument);
    if (
      own &&
      takesValue(own) &&
      command !== program &&
      ancestors(command).some((parent) => findOption(parent, argument))
    ) {
      joined.push(`${argument}=${argv[index + 1] ?? ''}`);
      index += 1;
      continue;
    }
    joined.push(argument);
    // The value of an option is not a command name, even when it spells one (`--cache-dir cache`).
    const declared =
      own ??
      ancestors(command)
        .map((parent) => findOption(parent, argument))
        .find(Boolean);
    if (declared && takesValue(declared) && index + 1 < argv.length) joined.push(argv[(index += 1)] as string);
  }
  return joined;
}

function findOption(command: Command, argument: string): Option | undefined {
  return command.options.find((option) => option.long === argument || option.short === argument);
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

function ancestors(command: Command): Command[] {
  const found: Command[] = [];
  for (let parent = command.parent; parent; parent = parent.parent) found.push(parent);
  return found;
}
