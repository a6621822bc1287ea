import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { NodeFileSystem, NODE_GIT } from '../../../packages/compiler/src/node/index.js';
import type { Progress } from '../../../packages/compiler/src/program/index.js';
import {
  buildOutputs,
  compileFolder,
  diffRevisions,
  runProjectTests,
  type DiffHost,
} from '../../../packages/compiler/src/project/index.js';
import { REPO } from '../../helpers/cli.js';

/** A host on the shipped policies that records every progress event and writes nothing. */
function recordingHost(): DiffHost & { events: Progress[] } {
  const events: Progress[] = [];
  return {
    cwd: REPO,
    fs: new NodeFileSystem(),
    git: NODE_GIT,
    writeFiles: () => {},
    writeFile: () => {},
    onProgress: (p) => void events.push(p),
    events,
  };
}

/** The events in order, each stage's run as "stage[ detail] first..last/total". */
function stages(events: readonly Progress[]): string[] {
  const out: string[] = [];
  let run: { key: string; first: number; last: number; total: number } | undefined;
  const flush = () => run && out.push(`${run.key} ${run.first}..${run.last}/${run.total}`);
  for (const p of events) {
    const key = p.stage === 'emit' ? 'emit' : `${p.stage}${p.detail ? ` ${p.detail}` : ''}`;
    if (run?.key === key) {
      expect(p.done, `${key} counts up`).toBeGreaterThanOrEqual(run.last);
      run.last = p.done;
      continue;
    }
    flush();
    run = { key, first: p.done, last: p.done, total: p.total };
  }
  flush();
  return out;
}

const SHIPPED_FILES = compileFolder({ cwd: REPO, fs: new NodeFileSystem() }, 'policies').result.files.size;

describe('the use cases report their progress to the host', () => {
  it('build: every file compiled, the check, the model, each output, the write', () => {
    const host = recordingHost();
    expect(
      buildOutputs(host, { dir: 'policies', out: 'out', target: 'all', version: '0.0.0', customSetsRuntime: () => '' })
        .status,
    ).toBe('built');
    expect(stages(host.events)).toEqual([
      `compile 0..${SHIPPED_FILES}/${SHIPPED_FILES}`,
      'check 0..1/1',
      'model 0..1/1',
      'emit 0..5/5',
      'write 0..1/1',
    ]);
    expect(host.events.filter((p) => p.stage === 'emit').map((p) => p.detail ?? `${p.done}/${p.total}`)).toEqual([
      'evaluator',
      'matrix reports',
      'custom sets',
      'builder',
      'Cedar export',
      '5/5',
    ]);
  });

  it('test: the model and evaluator, the cases in batches, the snapshot, the coverage', async () => {
    const host = recordingHost();
    const { result } = compileFolder(host, 'policies');
    const report = await runProjectTests(host, result, { dir: 'policies' });
    const cases = report.results.length;
    expect(cases).toBeGreaterThan(200); // more than one batch
    expect(stages(host.events)).toEqual([
      `compile 0..${SHIPPED_FILES}/${SHIPPED_FILES}`,
      'check 0..1/1',
      'model 0..1/1',
      `test 0..${cases}/${cases}`,
      'snapshot 0..1/1',
      'coverage 0..1/1',
    ]);
    const batches = Array.from({ length: Math.ceil(cases / 200) }, (_, i) => Math.min(cases, (i + 1) * 200));
    expect(host.events.filter((p) => p.stage === 'test').map((p) => p.done)).toEqual([0, ...batches]);
  });

  it('diff: each side compiled under its name, then the comparison', () => {
    const host = recordingHost();
    diffRevisions(host, { base: join(REPO, 'policies'), dir: 'policies', gates: [] });
    expect(stages(host.events)).toEqual([
      `compile BASE 0..${SHIPPED_FILES}/${SHIPPED_FILES}`,
      'check BASE 0..1/1',
      `compile HEAD 0..${SHIPPED_FILES}/${SHIPPED_FILES}`,
      'check HEAD 0..1/1',
      'diff 0..1/1',
    ]);
  });

  it('a host without onProgress is fine (the language server ignores progress)', () => {
    const { result } = compileFolder({ cwd: REPO, fs: new NodeFileSystem() }, 'policies');
    expect(result.hasErrors).toBe(false);
  });
});
