type ErrorClass = abstract new (...args: never[]) => Error;

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && value.prototype instanceof Error;
}

/**
 * What is wrong with a package's table of error codes, judged from what the package exports:
 * each exported error class that extends `base` and has no exported subclass must name a code
 * (its static `code`) that is in `table`; each code in `table` must be named by some class; and
 * any other exported error class must be one of `outsideTable` (errors the package does not throw
 * to its callers). An empty list means the table and the classes agree.
 */
export function errorTableProblems(
  api: Readonly<Record<string, unknown>>,
  base: ErrorClass,
  table: Readonly<Record<string, string>>,
  outsideTable: readonly ErrorClass[] = [],
): string[] {
  const classes = Object.values(api).filter(isErrorClass);
  const problems: string[] = [];
  const named = new Set<string>();
  for (const errorClass of classes) {
    if (errorClass === base || outsideTable.includes(errorClass)) continue;
    if (!(errorClass.prototype instanceof base)) {
      problems.push(`${errorClass.name} is exported but does not extend ${base.name}`);
      continue;
    }
    const code = (errorClass as unknown as { code?: unknown }).code;
    const hasSubclass = classes.some((other) => other.prototype instanceof errorClass);
    if (code === undefined) {
      if (!hasSubclass) problems.push(`${errorClass.name} has no static code`);
      continue;
    }
    if (typeof code !== 'string' || !Object.hasOwn(table, code)) {
      problems.push(`${errorClass.name}'s code ${String(code)} is not in the table`);
      continue;
    }
    named.add(code);
  }
  for (const code of Object.keys(table)) if (!named.has(code)) problems.push(`no exported error has the code ${code}`);
  return problems;
}
