/**
 * Ctrl-C once: no new request starts, those in flight finish and are kept. Twice: requests
 * in flight are abandoned and go back to pending. Nothing finished is ever lost.
 */
export function stopOnInterrupt(): { stop: AbortSignal; abort: AbortSignal; dispose(): void } {
  const stop = new AbortController();
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) {
      process.stderr.write(`\n${signal}: finishing the requests in flight, then stopping (press Ctrl-C again to abandon them).\n`);
      stop.abort();
    } else if (!abort.signal.aborted) {
      process.stderr.write(`\n${signal}: abandoning the requests in flight; they stay pending for the next run.\n`);
      abort.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stop: stop.signal,
    abort: abort.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
