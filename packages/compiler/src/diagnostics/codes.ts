/**
 * Every diagnostic code the compiler can report, in one place.
 *
 * Codes are stable kebab-case identifiers: tests, quick fixes, SARIF rules and users' CI
 * allowlists key on them, never on message text. Adding a code is fine; renaming one is a
 * breaking change. `docs/diagnostics.md` documents each with a failing example (a test keeps
 * the two in sync).
 */
export const DiagnosticCodes = {
  // --- load: files and YAML ---------------------------------------------------------------
  'file-unreadable': { stage: 'load', severity: 'error', title: 'A policy file could not be read' },
  'file-too-large': { stage: 'load', severity: 'error', title: 'A policy file is larger than the configured limit' },
  'invalid-encoding': { stage: 'load', severity: 'error', title: 'A policy file is not valid UTF-8' },
  'empty-file': { stage: 'load', severity: 'warning', title: 'A policy file holds no document' },
  'yaml-syntax': { stage: 'load', severity: 'error', title: 'The file is not valid YAML' },
  'yaml-limit': {
    stage: 'load',
    severity: 'error',
    title: 'The YAML exceeds a resource limit (alias expansion or nesting depth)',
  },
  'duplicate-key': { stage: 'load', severity: 'error', title: 'A mapping has the same key twice' },
  'bidi-control': {
    stage: 'load',
    severity: 'error',
    title: 'The text contains an invisible Unicode bidirectional control character',
  },
  // --- validate: JSON Schema ---------------------------------------------------------------
  'unknown-kind': { stage: 'validate', severity: 'error', title: 'The document kind is not one of the known kinds' },
  'schema-unknown-key': { stage: 'validate', severity: 'error', title: 'A key is not allowed here' },
  'schema-missing-key': { stage: 'validate', severity: 'error', title: 'A required key is missing' },
  'schema-type': { stage: 'validate', severity: 'error', title: 'A value has the wrong type' },
  'schema-value': { stage: 'validate', severity: 'error', title: 'A value is not allowed here' },
  // --- resolve: project structure and inheritance -------------------------------------------
  'missing-catalog': { stage: 'resolve', severity: 'error', title: 'The project has no Catalog' },
  'multiple-catalogs': { stage: 'resolve', severity: 'error', title: 'The project has more than one Catalog' },
  'duplicate-id': { stage: 'resolve', severity: 'error', title: 'Two definitions share one id' },
  'unknown-base': { stage: 'resolve', severity: 'error', title: '`extends` names no permission set' },
  'extends-cycle': { stage: 'resolve', severity: 'error', title: 'Permission sets extend each other in a cycle' },
  'unknown-fragment': { stage: 'resolve', severity: 'error', title: '`include` names no fragment' },
  'include-conflict': {
    stage: 'resolve',
    severity: 'error',
    title: 'Two included fragments give one permission different values',
  },
  'includes-cycle': { stage: 'resolve', severity: 'error', title: 'Scopes include each other in a cycle' },
  // --- check: semantics ------------------------------------------------------------------
  'unknown-permission': { stage: 'check', severity: 'error', title: 'A permission id is not in the catalog' },
  'unknown-scope': { stage: 'check', severity: 'error', title: 'A scope name is not declared in the catalog' },
  'unknown-set': {
    stage: 'check',
    severity: 'error',
    title: 'A guard or test names a permission set that does not exist',
  },
  'unknown-seat': { stage: 'check', severity: 'error', title: 'A seat name is not declared in the catalog' },
  'unknown-resource-type': {
    stage: 'check',
    severity: 'error',
    title: 'A resource type is not declared in the catalog',
  },
  'scope-not-allowed': { stage: 'check', severity: 'error', title: 'The permission does not allow this scope' },
  'requires-missing': {
    stage: 'check',
    severity: 'error',
    title: 'A granted permission requires another that is not granted',
  },
  'seat-mismatch': { stage: 'check', severity: 'error', title: 'A set declares a seat different from its base' },
  'seat-disallows': { stage: 'check', severity: 'error', title: "The set's seat does not allow this permission" },
  'not-customizable': {
    stage: 'check',
    severity: 'error',
    title: 'A set extends a set whose seat is not customizable',
  },
  'system-flag': { stage: 'check', severity: 'error', title: 'A system set extends a custom set' },
  'wildcard-no-match': {
    stage: 'check',
    severity: 'error',
    title: 'A wildcard matches no permission that allows the scope',
  },
  'expr-syntax': { stage: 'check', severity: 'error', title: 'A condition has a syntax error' },
  'expr-type': { stage: 'check', severity: 'error', title: 'A condition has a type error' },
  'expr-unknown-attribute': {
    stage: 'check',
    severity: 'error',
    title: 'A condition uses an attribute the catalog does not declare',
  },
  'unknown-fixture': {
    stage: 'check',
    severity: 'error',
    title: 'A test case names a fixture its suite does not define',
  },
  'unknown-attribute': {
    stage: 'check',
    severity: 'warning',
    title: 'A test gives an attribute the catalog does not declare',
  },
  'guard-violated': { stage: 'check', severity: 'error', title: 'A permission set breaks a guard' },
  'redundant-grant': { stage: 'check', severity: 'warning', title: 'A grant changes nothing' },
  'unused-fragment': { stage: 'check', severity: 'warning', title: 'No permission set includes this fragment' },
  // --- custom sets defined at run time (withCustomSets, `permset check --custom-sets`) ---------
  'custom-set-value': {
    stage: 'custom-sets',
    severity: 'error',
    title: 'A custom set definition is not JSON (a function, a getter, a cycle, a hole...)',
  },
  'custom-set-limit': {
    stage: 'custom-sets',
    severity: 'error',
    title: 'A custom set definition exceeds a size bound',
  },
  'custom-set-forbidden': {
    stage: 'custom-sets',
    severity: 'error',
    title: 'A custom set definition uses `when`, `system`, `seat` or another kind',
  },
  'exceeds-grantor': {
    stage: 'custom-sets',
    severity: 'error',
    title: "A custom set grants more than the grantor's own set can do",
  },
  // --- emit: export targets (reported by `permset build`, not by `check`) --------------------
  'cedar-unexportable': { stage: 'emit', severity: 'error', title: 'A condition cannot be exported to Cedar exactly' },
} as const satisfies Record<string, { stage: string; severity: 'error' | 'warning' | 'info'; title: string }>;

/** A stable diagnostic code (see {@link DiagnosticCodes}). */
export type DiagnosticCode = keyof typeof DiagnosticCodes;

/** All codes, in declaration order. */
export const ALL_DIAGNOSTIC_CODES = Object.keys(DiagnosticCodes) as DiagnosticCode[];
