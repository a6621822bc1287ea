/**
 * The LSP server: wires a connection's requests and notifications to the language service,
 * plus permset's own requests (`permset/status`, `/matrix`, `/preview`, `/explain`, `/diff`),
 * whose names and shapes `custom-protocol.ts` exports for clients.
 *
 * @module
 */
export * from './start-server.js';
export * from './settings.js';
export * from './diagnostics-publisher.js';
export * from './capabilities.js';
export * from './safe-handler.js';
export * from './custom-protocol.js';
