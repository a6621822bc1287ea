// The entry point esbuild bundles (with the compiler stages it uses) into the run-time part of
// custom-sets.js: scripts/bundle-custom-sets.mjs, run by `npm run build`.
export { createWithCustomSets } from './with-custom-sets.js';
