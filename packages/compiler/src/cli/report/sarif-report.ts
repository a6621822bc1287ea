import { DiagnosticCodes, type Diagnostic, type DiagnosticCode } from '../../diagnostics/index.js';

/** Where users read about each rule; SARIF viewers link `helpUri` from every result. */
const DOCS = 'https://github.com/permset/permset/blob/main/docs/diagnostics.md';

/** Options of {@link toSarif}. */
export interface SarifOptions {
  version: string;
  /** Turns a diagnostic's uri into a path relative to the repository root (the SARIF `%SRCROOT%`). */
  relativePath?: (uri: string) => string;
}

/**
 * Diagnostics as a SARIF 2.1.0 log (for GitHub code scanning and other SARIF viewers): one rule
 * per diagnostic code with its title and default level, results with 1-based regions in UTF-16
 * columns, related locations, and fixes as artifact changes.
 */
export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): object {
  const codes = Object.keys(DiagnosticCodes) as DiagnosticCode[];
  const index = new Map(codes.map((c, i) => [c, i]));
  const path = options.relativePath ?? ((u: string) => u);
  const region = (r: Diagnostic['range']) => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const location = (uri: string, r: Diagnostic['range']) => ({
    physicalLocation: { artifactLocation: { uri: encodeUri(path(uri)), uriBaseId: '%SRCROOT%' }, region: region(r) },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'permset',
            version: options.version,
            semanticVersion: options.version,
            informationUri: 'https://github.com/permset/permset',
            rules: codes.map((code) => {
              const meta = DiagnosticCodes[code];
              return {
                id: code,
                name: code.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
                shortDescription: { text: meta.title },
                fullDescription: { text: `${meta.title} (stage: ${meta.stage}).` },
                helpUri: `${DOCS}#${code}`,
                defaultConfiguration: { level: level((meta.severity as string) === 'warning' ? 2 : 1) },
                properties: { tags: ['permset', meta.stage] },
              };
            }),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
        results: diagnostics.map((d) => {
          const result: Record<string, unknown> = {
            ruleId: d.code,
            ruleIndex: index.get(d.code) ?? 0,
            level: level(d.severity),
            message: { text: d.message },
            locations: [location(d.uri, d.range)],
          };
          if (d.relatedInformation?.length) {
            result['relatedLocations'] = d.relatedInformation.map((r, i) => ({
              id: i + 1,
              ...location(r.location.uri, r.location.range),
              message: { text: r.message },
            }));
          }
          const fixes = (d.data?.fixes ?? []).filter((f) => f.edits.every((e) => !e.create));
          if (fixes.length) {
            result['fixes'] = fixes.map((f) => ({
              description: { text: f.title },
              artifactChanges: groupByFile(
                f.edits.filter((e): e is typeof e & { range: Diagnostic['range'] } => !e.create),
              ).map(([uri, edits]) => ({
                artifactLocation: { uri: encodeUri(path(uri)), uriBaseId: '%SRCROOT%' },
                replacements: edits.map((e) => ({
                  deletedRegion: region(e.range),
                  insertedContent: { text: e.newText },
                })),
              })),
            }));
          }
          return result;
        }),
      },
    ],
  };
}

function level(severity: number): 'error' | 'warning' | 'note' {
  return severity === 1 ? 'error' : severity === 2 ? 'warning' : 'note';
}

function groupByFile<T extends { uri: string }>(edits: T[]): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const e of edits) map.set(e.uri, [...(map.get(e.uri) ?? []), e]);
  return [...map];
}

/** A relative path as a SARIF URI reference (percent-encoded, `/`-separated). */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
