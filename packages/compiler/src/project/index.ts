// The use cases: what the CLI's commands (and the language server's requests) do, each written
// once, with no argv, terminal or connection code and no I/O of their own.
export * from './init-project.js';
export * from './custom-sets-file.js';
