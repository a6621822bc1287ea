import { ResponseError } from 'vscode-languageserver';

/**
 * Wraps a request handler so that an exception is logged and answered with `fallback` (an empty
 * result): a bug in one feature must never take the server down or leave a request unanswered.
 * A `ResponseError` (a deliberate refusal, like an invalid rename) is passed on to the client.
 */
export function safe<P extends unknown[], R>(
  name: string,
  log: (message: string) => void,
  fallback: R,
  handler: (...params: P) => R,
): (...params: P) => R | ResponseError<void> {
  return (...params: P) => {
    try {
      return handler(...params);
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      log(`permset: ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return fallback;
    }
  };
}

/** Like {@link safe}, for notifications (nothing to answer). */
export function safeNotification<P extends unknown[]>(
  name: string,
  log: (message: string) => void,
  handler: (...params: P) => void,
): (...params: P) => void {
  return (...params: P) => {
    try {
      handler(...params);
    } catch (e) {
      log(`permset: ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  };
}
