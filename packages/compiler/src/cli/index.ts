export * from './cli-io.js';
export * from './command-table.js';
export * from './main.js';
export * from './output/human-format.js';
export * from './output/json-format.js';
export * from './output/terminal.js';
export * from './process-setup.js';
