/** US dollars per million tokens, from OpenAI's price list; dated snapshots match by prefix. */
const PRICES_PER_MILLION: Readonly<Record<string, { readonly input: number; readonly output: number }>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5': { input: 1.25, output: 10 },
  'o4-mini': { input: 1.1, output: 4.4 },
};

export interface TokenPrice {
  readonly input: number;
  readonly output: number;
}

/** The price of `model`: an override (`STREAMGANK_OPENAI_PRICES="0.15,0.60"`), the table, or undefined. */
export function priceOf(model: string, override?: TokenPrice): TokenPrice | undefined {
  if (override) return override;
  const known = Object.keys(PRICES_PER_MILLION)
    .filter((name) => model === name || model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return known ? PRICES_PER_MILLION[known] : undefined;
}

export function costOf(price: TokenPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}
