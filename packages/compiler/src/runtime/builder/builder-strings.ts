/**
 * Every text `<permset-builder>` shows that does not come from the policies, in one table a
 * product replaces (`el.strings = { ...el.strings, save: 'Enregistrer' }`) to translate or
 * re-word it. `{name}` placeholders are filled by {@link formatString}; a table entry is text
 * only, never markup or code.
 */
export const DEFAULT_STRINGS = {
  title: 'New custom permission set',
  titleEditing: 'Edit custom permission set',
  details: 'Set details',
  idLabel: 'Id',
  idHint: 'Lowercase words joined by hyphens, e.g. regional-lead',
  nameLabel: 'Name',
  descriptionLabel: 'Description',
  baseLabel: 'Base permission set',
  basePlaceholder: 'Choose a base…',
  baseHint: 'System permission sets are a starting point: the custom set starts with everything the base grants.',
  baseNotCustomizable: '{name} (cannot be customized)',
  seatBadge: '{seat} seat',
  seatFree: 'Free seat',
  seatPaid: 'Paid seat',
  areaCount: '{on} of {total} on',
  expandAll: 'Expand all',
  collapseAll: 'Collapse all',
  permissionToggle: '{label}',
  scopeLabel: 'Scope of {label}',
  scopeCombined: '{scopes}',
  scopeJoin: ' and ',
  sensitive: 'Sensitive',
  sensitiveHint: 'Gives access to sensitive data',
  notAllowedBySeat: 'Not available on a {seat} seat',
  conditional: 'The base grants this only under a condition; changing it drops the condition.',
  changedFromBase: 'Changed from the base',
  requiresNote: 'Needs: {labels}',
  noteTurnedOn: 'Turned on because “{by}” needs it',
  noteWidened: 'Widened because “{by}” needs it',
  noteTurnedOff: 'Turned off because it needs “{by}”',
  noteNarrowed: 'Narrowed because it needs “{by}”',
  otherEntries: 'Other entries',
  otherEntriesHint: 'Entries the catalog does not know, kept as they were loaded.',
  removeEntry: 'Remove {key}',
  problems: 'Problems',
  noProblems: 'No problems: the set can be saved.',
  problemCount: '{errors} errors, {warnings} warnings',
  errorLabel: 'Error',
  warningLabel: 'Warning',
  infoLabel: 'Note',
  validationExternal: 'The saved file is checked like every policy file (see the Problems panel).',
  validationUnavailable: 'Validation is not available, so the set cannot be saved.',
  save: 'Save changes',
  saveBlocked: 'Fix the errors before saving.',
  saved: 'Saved.',
  tryItOut: 'Try it out',
  tryItOutTitle: 'What a user with “{name}” can do',
  tryItOutUnavailable: 'Fix the errors to try the set out.',
  previewNothing: 'Nothing in: {areas}',
  compare: 'Compare with base',
  compareTitle: 'Differences from {base}',
  compareNone: 'The set grants exactly what its base grants.',
  comparePermission: 'Permission',
  compareBase: 'Base',
  compareSet: 'This set',
  cellNone: 'No access',
  close: 'Close',
  noPolicies: 'No policies loaded.',
  noBases: 'The policies have no customizable base set.',
} as const;

/** The keys of the strings table. */
export type BuilderStringKey = keyof typeof DEFAULT_STRINGS;

/** A strings table: every key of {@link DEFAULT_STRINGS}. */
export type BuilderStrings = Record<BuilderStringKey, string>;

/** Fills `{name}` placeholders; an unknown placeholder stays as written. */
export function formatString(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole));
}

/** A full table from a partial one: unknown keys and non-text values are ignored. */
export function mergeStrings(overrides: unknown): BuilderStrings {
  const out: BuilderStrings = { ...DEFAULT_STRINGS };
  if (typeof overrides !== 'object' || overrides === null) return out;
  for (const key of Object.keys(DEFAULT_STRINGS) as BuilderStringKey[]) {
    const v = (overrides as Record<string, unknown>)[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}
