// The espeak-ng package ships no types; this module is loaded only by espeak.ts.
declare module 'espeak-ng' {
  const factory: (options: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
