/**
 * The LSP server: wires a connection's requests and notifications to the language service.
 *
 * @module
 */
export * from './start-server.js';
export * from './settings.js';
export * from './diagnostics-publisher.js';
export * from './capabilities.js';
export * from './safe-handler.js';
