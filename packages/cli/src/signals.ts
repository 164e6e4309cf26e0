/** Resolve with the first of `signals` the process receives; the handlers are removed afterwards. */
export function untilSignal(signals: readonly NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        for (const [name, installed] of handlers) process.off(name, installed);
        resolve(signal);
      };
      return [signal, handler] as const;
    });
    for (const [name, handler] of handlers) process.on(name, handler);
  });
}
