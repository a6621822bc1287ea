export * from './sarif-report.js';
export * from './junit-report.js';
export * from './github-annotations.js';
export * from './gate-annotations.js';
