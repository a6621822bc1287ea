import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectSources } from '../../../packages/compiler/src/fs/index.js';
import { GitError, GitFileSystem } from '../../../packages/compiler/src/node/git-file-system.js';
import { git, removeTemporaryFolders, temporaryFolder } from '../../helpers/fixture-repo.js';

let repo: string;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

afterAll(removeTemporaryFolders);

beforeAll(() => {
  repo = temporaryFolder('permset-gitfs-');
  git(repo, '-c', 'init.defaultBranch=main', 'init', '-q');
  mkdirSync(join(repo, 'policies/sets'), { recursive: true });
  writeFileSync(join(repo, 'policies/catalog.yaml'), 'kind: Catalog\n');
  writeFileSync(join(repo, 'policies/sets/a.yaml'), 'id: a\n');
  writeFileSync(join(repo, 'policies/sets/ünï code.yaml'), 'id: u\n');
  writeFileSync(join(repo, 'README.md'), 'readme\n');
  for (let i = 0; i < 300; i++)
    writeFileSync(join(repo, `policies/sets/many-${String(i).padStart(3, '0')}.yml`), `id: m${i}\n`);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'one');
  git(repo, 'tag', 'one');
  symlinkSync('catalog.yaml', join(repo, 'policies/link.yaml'));
  symlinkSync('sets', join(repo, 'policies/linked-dir'));
  symlinkSync('../README.md', join(repo, 'policies/readme-link'));
  writeFileSync(join(repo, 'policies/sets/a.yaml'), 'id: a2\n');
  git(repo, 'add', '-A');
  git(
    repo,
    'update-index',
    '--add',
    '--cacheinfo',
    `160000,${git(repo, 'rev-parse', 'one').trim()},policies/submodule`,
  );
  git(repo, 'commit', '-q', '-m', 'two');
  git(repo, 'tag', 'two');
  // The working tree now differs from both revisions: they must be read from git's objects.
  rmSync(join(repo, 'policies'), { recursive: true });
});

describe('GitFileSystem', () => {
  it('reads a revision’s files from git objects, not from the working tree', () => {
    const one = GitFileSystem.open({ cwd: repo, revision: 'one' });
    const two = GitFileSystem.open({ cwd: repo, revision: 'two' });
    expect(text(one.readFile('policies/sets/a.yaml'))).toBe('id: a\n');
    expect(text(two.readFile('policies/sets/a.yaml'))).toBe('id: a2\n');
    expect(text(one.readFile('policies/sets/ünï code.yaml'))).toBe('id: u\n');
    expect(one.stat('policies/sets/a.yaml')).toEqual({ kind: 'file', size: 6 });
    expect(one.stat('policies')).toEqual({ kind: 'directory', size: 0 });
    expect(one.stat('.')).toEqual({ kind: 'directory', size: 0 });
    expect(one.stat('policies/missing.yaml')).toBeUndefined();
    expect(one.readDirectory('policies').sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'catalog.yaml', kind: 'file' },
      { name: 'sets', kind: 'directory' },
    ]);
    expect(one.realPath('./policies/sets/')).toBe('policies/sets');
  });

  it('reads every policy file of a large folder correctly (one batch)', () => {
    const fs = GitFileSystem.open({ cwd: repo, revision: 'one', under: 'policies' });
    const { sources, problems } = collectSources(fs, 'policies');
    expect(problems).toEqual([]);
    expect(sources).toHaveLength(303);
    for (const s of sources.filter((x) => x.uri.includes('many-')))
      expect(text(s.bytes!)).toBe(`id: m${Number(s.uri.match(/many-(\d+)/)![1])}\n`);
  });

  it('refuses paths that leave the repository and reads nothing outside `under`', () => {
    const fs = GitFileSystem.open({ cwd: repo, revision: 'one', under: 'policies/sets' });
    expect(fs.stat('../etc/passwd')).toBeUndefined();
    expect(fs.stat('/etc/passwd')).toBeUndefined();
    expect(fs.stat('policies/sets/../../README.md')).toBeUndefined();
    expect(fs.stat('README.md')).toBeUndefined();
    expect(fs.stat('policies')).toEqual({ kind: 'directory', size: 0 });
    expect(() => fs.readFile('README.md')).toThrow("'README.md' does not exist in one (");
    expect(() => fs.readFile('policies/sets')).toThrow("'policies/sets' is a directory");
  });

  it('reports symbolic links as unreadable instead of following them, and skips submodules', () => {
    const fs = GitFileSystem.open({ cwd: repo, revision: 'two', under: 'policies' });
    expect(fs.stat('policies/link.yaml')?.kind).toBe('file');
    expect(fs.stat('policies/linked-dir')?.kind).toBe('directory');
    expect(fs.stat('policies/submodule')?.kind).toBe('other');
    const { sources, problems } = collectSources(fs, 'policies');
    expect(sources.map((s) => s.uri).filter((u) => !u.includes('many-'))).toEqual([
      'policies/catalog.yaml',
      'policies/sets/a.yaml',
      'policies/sets/ünï code.yaml',
    ]);
    const label = fs.label;
    expect(problems.map((p) => [p.code, p.uri, p.message])).toEqual([
      [
        'file-unreadable',
        'policies/linked-dir',
        `Cannot read 'policies/linked-dir': 'policies/linked-dir' is a symbolic link in ${label}; links in a git revision are not followed.`,
      ],
      [
        'file-unreadable',
        'policies/link.yaml',
        `Cannot read 'policies/link.yaml': 'policies/link.yaml' is a symbolic link in ${label}; links in a git revision are not followed.`,
      ],
    ]);
    expect(() => fs.readFile('policies/submodule')).toThrow(
      `it is a git submodule in ${label}; submodules are not read`,
    );
  });

  it('names revisions as people do', () => {
    const commit = git(repo, 'rev-parse', 'one').trim();
    expect(GitFileSystem.open({ cwd: repo, revision: 'one' }).label).toBe(`one (${commit.slice(0, 7)})`);
    expect(GitFileSystem.open({ cwd: repo, revision: commit }).label).toBe(commit.slice(0, 7));
    expect(GitFileSystem.open({ cwd: repo, revision: commit.slice(0, 9) }).label).toBe(commit.slice(0, 7));
    const tree = git(repo, 'rev-parse', 'one^{tree}').trim();
    const byTree = GitFileSystem.open({ cwd: repo, revision: tree });
    expect([byTree.label, byTree.commit, byTree.tree]).toEqual([tree, undefined, tree]);
    expect(text(byTree.readFile('policies/sets/a.yaml'))).toBe('id: a\n');
  });

  it('throws GitError with git’s explanation for bad revisions and outside repositories', () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(GitError);
        return [(e as GitError).kind, (e as GitError).message];
      }
      return undefined;
    };
    expect(error(() => GitFileSystem.open({ cwd: repo, revision: 'nope' }))).toEqual([
      'bad-revision',
      "unknown revision 'nope': ambiguous argument 'nope': unknown revision or path not in the working tree.",
    ]);
    expect(error(() => GitFileSystem.open({ cwd: repo, revision: '--all' }))).toEqual([
      'bad-revision',
      "unknown revision '--all': not a revision name.",
    ]);
    expect(error(() => GitFileSystem.open({ cwd: repo, revision: '' }))).toEqual([
      'bad-revision',
      "unknown revision '': not a revision name.",
    ]);
    const blob = git(repo, 'rev-parse', 'one:README.md').trim();
    expect(error(() => GitFileSystem.open({ cwd: repo, revision: blob }))?.[0]).toBe('bad-revision');
    const outside = temporaryFolder('permset-nogit-');
    expect(error(() => GitFileSystem.open({ cwd: outside, revision: 'main' }))?.[0]).toBe('not-a-repository');
    expect(error(() => GitFileSystem.open({ cwd: repo, revision: 'one', git: 'no-such-git-binary' }))?.[0]).toBe(
      'git-missing',
    );
    expect(error(() => GitFileSystem.open({ cwd: repo, revision: 'one', under: '../x' }))).toEqual([
      'git-failed',
      "'../x' is not a path inside the repository",
    ]);
  });
});
