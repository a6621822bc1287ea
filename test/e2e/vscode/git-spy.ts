import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A record of every git command run by processes that inherit {@link GitSpy.env}. */
export interface GitSpy {
  /** The environment that makes git log its commands (`GIT_TRACE` to a file). */
  env: Record<string, string>;
  /** The `trace: built-in: git …` lines so far: one per git command run. */
  calls(): string[];
}

/**
 * Git's own trace into a file, so a test can say whether anything it started ran git at all
 * (Restricted Mode must not). An environment variable rather than a `git` first on PATH: VS Code's
 * server takes its extensions' environment from a login shell, which sets PATH anew but passes
 * other variables through.
 */
export function gitSpy(dir: string): GitSpy {
  const log = join(dir, 'git-trace.log');
  return {
    env: { GIT_TRACE: log },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => /trace: built-in: git /.test(l))
            .map((l) => l.slice(l.indexOf('git ', l.indexOf('trace:'))))
        : [],
  };
}
