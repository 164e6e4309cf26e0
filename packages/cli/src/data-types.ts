/** The data types the Python version cached; always accepted, even before the cache holds any. */
export const SEED_DATA_TYPES: readonly string[] = ['script_result', 'assets'];

/**
 * Names a user may type for a data type besides its own: without `_result`, singular or plural,
 * "-" for "_". So `scripts` and `script` mean `script_result`, `asset` means `assets`.
 */
export function dataTypeAliases(dataType: string): string[] {
  const base = dataType.replace(/_result$/, '');
  const forms = [base, base.endsWith('s') ? base.slice(0, -1) : `${base}s`];
  return [...new Set(forms.flatMap((form) => [form, form.replace(/_/g, '-')]))].filter((form) => form !== dataType);
}

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

/** The data type `name` stands for among `known`, or undefined. */
export function resolveDataType(name: string, known: readonly string[]): string | undefined {
  const wanted = normalise(name);
  return (
    known.find((type) => type === wanted || type === wanted.replace(/-/g, '_')) ??
    known.find((type) => dataTypeAliases(type).includes(wanted))
  );
}

/** "catalog, script_result (or scripts), assets": the accepted names, for error messages. */
export function describeDataTypes(known: readonly string[]): string {
  return known
    .map((type) => {
      const plural = dataTypeAliases(type).find((alias) => /^[a-z_]+s$/.test(alias));
      return plural && type.endsWith('_result') ? `${type} (or ${plural})` : type;
    })
    .join(', ');
}
