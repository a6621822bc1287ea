import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../packages/lsp/src/server/settings.js';
import { COMMANDS } from '../../packages/vscode-extension/src/client/command-ids.js';
import { REPO } from '../helpers/cli.js';

// The extension's manifest and packaging files: what the marketplace and VS Code read.

const DIR = join(REPO, 'packages', 'vscode-extension');
const manifest = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8'));
const source = (file: string) => readFileSync(join(DIR, 'src', file), 'utf8');

/** A PNG's width and height (from its IHDR chunk). */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('package.json', () => {
  it('has what vsce and the marketplace need, pinned for Node 20', () => {
    expect(manifest).toMatchObject({
      name: 'permset-vscode',
      displayName: 'Permset',
      publisher: 'permset',
      license: 'MIT',
      icon: 'images/icon.png',
      main: './dist/extension.js',
      engines: { vscode: '^1.91.0' },
      categories: ['Programming Languages', 'Linters', 'Formatters', 'Visualization'],
      repository: { type: 'git', directory: 'packages/vscode-extension' },
      dependencies: { 'vscode-languageclient': '11.0.0' },
      devDependencies: { '@types/vscode': '~1.91.0', '@vscode/vsce': '3.9.2' },
    });
    expect(manifest.keywords.length).toBeGreaterThan(5);
    expect(manifest.keywords.length).toBeLessThanOrEqual(30);
    expect(manifest.scripts.package).toMatch(/^vsce package --no-dependencies /);
    expect(manifest.scripts['vscode:prepublish']).toBe('node esbuild.mjs --production');
  });

  it('activates only where policies are: a policies/ folder or a catalog, never on every YAML file', () => {
    expect(manifest.activationEvents).toEqual([
      'workspaceContains:policies/**/*.yaml',
      'workspaceContains:policies/**/*.yml',
      'workspaceContains:**/catalog.yaml',
      'workspaceContains:**/catalog.yml',
    ]);
  });

  it('contributes every command, titled, under "Permset", and registers each', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(contributed).toEqual(Object.values(COMMANDS).sort());
    for (const c of manifest.contributes.commands) {
      expect(c.category, c.command).toBe('Permset');
      expect(c.title, c.command).toMatch(/^[A-Z]/);
    }
    const registered = source('commands/register-commands.ts');
    for (const key of Object.keys(COMMANDS)) expect(registered, key).toContain(`[COMMANDS.${key}]:`);
  });

  it("contributes the server's settings, the warnings limit and the trace of the client id", () => {
    const properties = Object.keys(manifest.contributes.configuration.properties).sort();
    expect(properties).toEqual([
      'permset.debounceMs',
      'permset.maxWarnings',
      'permset.policyFolder',
      'permset.trace.server',
    ]);
    for (const key of Object.keys(DEFAULT_SETTINGS)) expect(properties).toContain(`permset.${key}`);
    expect(manifest.contributes.configuration.properties['permset.debounceMs'].default).toBe(
      DEFAULT_SETTINGS.debounceMs,
    );
    // VS Code reads `<client id>.trace.server`.
    expect(source('client/language-client.ts')).toContain("new LanguageClient('permset', 'Permset'");
  });
});

describe('workspace trust', () => {
  it('works in Restricted Mode, limited: what runs git is off until the folder is trusted', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.description).toMatch(
      /Compare with Git stays off until you trust the folder, because it runs git/,
    );
    // No setting of ours runs anything, so none needs a trusted value.
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toBeUndefined();
    const palette = Object.fromEntries(
      manifest.contributes.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]),
    );
    expect(palette[COMMANDS.compareWithHead]).toBe('isWorkspaceTrusted');
    expect(palette[COMMANDS.compareWithRef]).toBe('isWorkspaceTrusted');
  });

  it('asks the server for a diff (which runs git) in one place, after checking trust; the compare commands check first', () => {
    const files = readdirSync(join(DIR, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.filter((f) => source(f).includes('DIFF_REQUEST'))).toEqual(['views/diff-view.ts']);
    const view = source('views/diff-view.ts');
    expect(view.match(/this\.session\.request<DiffResult>\(DIFF_REQUEST/g)).toHaveLength(1);
    expect(view).toMatch(
      /if \(!gitAllowed\(vscode\.workspace\.isTrusted\)\) throw new Error\(UNTRUSTED_GIT_MESSAGE[^\n]*\n\s*return this\.session\.request<DiffResult>\(DIFF_REQUEST/,
    );
    const commands = source('commands/compare-with-ref.ts');
    expect(
      commands.match(
        /return async \(arg\?: unknown\): Promise<void> => \{\n\s*if \(!\(await requireTrustForGit\(\)\)\) return;/g,
      ),
    ).toHaveLength(2);
  });
});

describe('packaging', () => {
  it('has a 128×128 PNG icon', () => {
    expect(pngSize(join(DIR, 'images', 'icon.png'))).toEqual([128, 128]);
  });

  it('ships only the bundles (with the custom-sets run time the server embeds), the manifest, docs and the icon', () => {
    const lines = readFileSync(join(DIR, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      '**',
      '!package.json',
      '!README.md',
      '!CHANGELOG.md',
      '!LICENSE',
      '!dist/extension.js',
      '!dist/server.js',
      '!dist/custom-sets-runtime.js',
      '!images/icon.png',
    ]);
  });

  it('has a README whose pictures exist, a CHANGELOG entry for this version, and a license', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(pictures).toEqual([
      'images/problems.png',
      'images/hover.png',
      'images/access-matrix.png',
      'images/preview.png',
      'images/diff.png',
      'images/explain.png',
    ]);
    for (const p of pictures) expect(pngSize(join(DIR, p))[0]).toBeGreaterThanOrEqual(1200);
    expect(
      readdirSync(join(DIR, 'images'))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    ).toEqual(['access-matrix.png', 'diff.png', 'explain.png', 'hover.png', 'icon.png', 'preview.png', 'problems.png']);
    expect(readFileSync(join(DIR, 'CHANGELOG.md'), 'utf8')).toContain(`## [${manifest.version}]`);
    expect(readFileSync(join(DIR, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    for (const title of manifest.contributes.commands.map((c: { title: string }) => c.title))
      expect(readme, title).toContain(`Permset: ${title}`);
    for (const key of Object.keys(manifest.contributes.configuration.properties))
      expect(readme, key).toContain(`\`${key}\``);
  });
});
