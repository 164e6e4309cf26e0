import { Option } from 'commander';

/** `--json`, as every cache command words it. */
export const jsonOption = () =>
  new Option('--json', 'print one JSON document on stdout (snake_case keys, as in the entry files)');
