// The use cases: what the CLI's commands and the language server's requests do, each written
// once. No argv, terminal or connection code here, and no I/O of its own: everything outside the
// compiler comes in through a `ProjectHost` (and `GitAccess` for revisions).
export * from './project-host.js';
export * from './display-path.js';
export * from './policy-folder.js';
export * from './compile-folder.js';
export * from './git-revision.js';
export * from './diff-revisions.js';
export * from './run-project-tests.js';
export * from './build-outputs.js';
export * from './custom-sets-outputs.js';
export * from './load-evaluator.js';
export * from './init-project.js';
export * from './custom-sets-file.js';
