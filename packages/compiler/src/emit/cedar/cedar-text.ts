/*
 * How permset names and texts are written into Cedar files. Every string that comes from a
 * policy (ids, attribute names, condition literals, labels, file names) goes through one of
 * these functions, so no policy text can end a string, a comment or a declaration.
 */

/** Words Cedar reserves: they cannot be identifiers (`principal.in`, `entity if`). */
const RESERVED: ReadonlySet<string> = new Set([
  'true',
  'false',
  'if',
  'then',
  'else',
  'in',
  'is',
  'like',
  'has',
  '__cedar',
]);

const IDENT = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/** Whether `name` can be written bare in a policy or schema (`principal.owner`, `owner?: String`). */
export function isCedarIdentifier(name: string): boolean {
  return IDENT.test(name) && !RESERVED.has(name);
}

/**
 * A Cedar string literal (policies and schemas share the syntax). Printable ASCII is kept,
 * `"` and `\` are escaped, and every other character is written `\u{…}`, so the files are ASCII
 * and no invisible or bidirectional character can hide in them. A lone surrogate (never in a
 * model that compiled; see `wellFormed` in runtime/cedar/entities.ts) is written as U+FFFD.
 */
export function cedarString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else out += `\\u{${(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp).toString(16)}}`;
  }
  return out + '"';
}

/** `principal.owner`, or `principal["if"]` for a name that is not a Cedar identifier. */
export function attributeAccess(variable: string, name: string): string {
  return isCedarIdentifier(name) ? `${variable}.${name}` : `${variable}[${cedarString(name)}]`;
}

/** `principal has owner`, or `principal has "if"`. */
export function hasAttribute(variable: string, name: string): string {
  return `${variable} has ${isCedarIdentifier(name) ? name : cedarString(name)}`;
}

/** An attribute's key in a schema record: bare when possible, else quoted. */
export function schemaKey(name: string): string {
  return isCedarIdentifier(name) ? name : cedarString(name);
}

// Control, format (bidirectional overrides, zero-width), line and paragraph separators and lone
// surrogates: anything that could end a `//` comment or make it read differently than it parses.
const UNSAFE_IN_COMMENT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * Text for a `//` comment: one line whatever the input, with every control, format or separator
 * character shown as `\u{…}`. Only a line break can end a line comment, and none survives.
 */
export function commentText(text: string): string {
  return text.replace(UNSAFE_IN_COMMENT, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** Entity type names of the export that are not resource types. */
export const FIXED_TYPES = {
  user: 'User',
  role: 'Role',
  noResource: 'NoResource',
  action: 'Action',
  context: 'Context',
} as const;

// Names a resource type may not take in the schema's namespace: Cedar's built-in type names
// (a `String` entity type would shadow the primitive) and the export's own types.
const TAKEN_TYPE_NAMES = [
  'String',
  'Long',
  'Bool',
  'Boolean',
  'Set',
  'Record',
  'Entity',
  'Extension',
  ...Object.values(FIXED_TYPES),
];

/**
 * Cedar entity type names for resource types, in order: the name itself when it is a valid,
 * free identifier (`budget`, `time_entry`), else the name with `_` appended until it is (a type
 * named `in` becomes `in_`, or `in__` when `in_` is a type too). Names that can stay as they are
 * are placed first, so a renamed type never takes another type's own name.
 */
export function allocateTypeNames(names: readonly string[]): Map<string, string> {
  const taken = new Set<string>(TAKEN_TYPE_NAMES);
  const out = new Map<string, string>();
  for (const n of names) {
    if (!out.has(n) && isCedarIdentifier(n) && !taken.has(n)) {
      out.set(n, n);
      taken.add(n);
    }
  }
  for (const n of names) {
    if (out.has(n)) continue;
    let base = n.replace(/[^_a-zA-Z0-9]/g, '_');
    if (!/^[_a-zA-Z]/.test(base)) base = `_${base}`;
    let candidate = base;
    while (!isCedarIdentifier(candidate) || taken.has(candidate)) candidate += '_';
    out.set(n, candidate);
    taken.add(candidate);
  }
  return out;
}
