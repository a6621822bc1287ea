/**
 * `@permset/lsp`: the permset language server. `startServer(connection)` runs it on any
 * connection (the VS Code extension's IPC, a test's in-memory streams); the
 * `permset-language-server` bin runs it over `--stdio` or `--node-ipc`. The language service
 * (`createLanguageService`) is the same features without a connection.
 *
 * @module
 */
export * from './server/index.js';
export * from './language-service/index.js';
