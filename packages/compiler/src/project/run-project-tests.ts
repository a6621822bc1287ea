import { buildPolicyModel } from '../policy-model/index.js';
import type { CompileResult } from '../program/index.js';
import {
  compareSnapshots,
  expandCases,
  formatSnapshot,
  matrixSnapshot,
  parseSnapshot,
  runPolicyTests,
  testCoverage,
  type MatrixSnapshot,
  type SnapshotChange,
  type TestCoverage,
  type TestResult,
} from '../policy-tests/index.js';
import { absolutePath, displayPath } from './display-path.js';
import { loadEvaluator } from './load-evaluator.js';
import { ProjectInputError, type ProjectHost } from './project-host.js';

/** The result of a test run, as `permset test --format json` prints it and `permset ci` reuses it. */
export interface TestRunReport {
  results: TestResult[];
  summary: { passed: number; failed: number; skipped: number };
  snapshot: {
    file: string;
    status: 'matches' | 'differs' | 'missing' | 'updated' | 'invalid';
    changes: SnapshotChange[];
    error?: string;
  };
  coverage: TestCoverage;
}

/** Options of {@link runProjectTests}. */
export interface ProjectTestOptions {
  /** The policy folder (its snapshot is `DIR/access-matrix.snap.json` by default). */
  dir: string;
  /** Another snapshot file; it must exist (only the default one is optional). */
  snapshot?: string | undefined;
  /** Write the current matrix as the snapshot instead of comparing with it. */
  update?: boolean;
}

/**
 * Runs a compiled project's TestSuites against its generated evaluator and compares its access
 * matrix with the committed snapshot (or writes it). The project must compile without errors.
 */
export async function runProjectTests(
  host: ProjectHost,
  result: CompileResult,
  options: ProjectTestOptions,
): Promise<TestRunReport> {
  const progress = host.onProgress ?? (() => {});
  progress({ stage: 'model', done: 0, total: 1 });
  const model = buildPolicyModel(result);
  const evaluator = await loadEvaluator(model);
  progress({ stage: 'model', done: 1, total: 1 });
  const cases = expandCases(result.resolved.project.testSuites, (uri) => result.files.get(uri));
  const results: TestResult[] = [];
  progress({ stage: 'test', done: 0, total: cases.length });
  // In batches, to say how far it is without a call per case.
  for (let i = 0; i < cases.length; i += TEST_BATCH) {
    results.push(...runPolicyTests(cases.slice(i, i + TEST_BATCH), evaluator, model));
    progress({ stage: 'test', done: results.length, total: cases.length });
  }
  const file = options.snapshot ?? `${displayPath(host.cwd, options.dir)}/access-matrix.snap.json`;
  progress({ stage: 'snapshot', done: 0, total: 1 });
  const current = matrixSnapshot(model);
  let snapshot: TestRunReport['snapshot'];
  if (options.update) {
    if (!host.writeFile) throw new ProjectInputError('this environment cannot write files');
    host.writeFile(file, formatSnapshot(current));
    snapshot = { file, status: 'updated', changes: [] };
  } else {
    snapshot = readSnapshot(host, file, current);
    if (snapshot.status === 'missing' && options.snapshot !== undefined)
      snapshot = {
        ...snapshot,
        status: 'invalid',
        error: `${file} does not exist (run permset test --update-snapshot to write it)`,
      };
  }
  progress({ stage: 'snapshot', done: 1, total: 1 });
  const summary = {
    passed: results.filter((r) => r.status === 'passed').length,
    failed:
      results.filter((r) => r.status === 'failed').length +
      (snapshot.status === 'differs' || snapshot.status === 'invalid' ? 1 : 0),
    skipped: results.filter((r) => r.status === 'skipped').length,
  };
  progress({ stage: 'coverage', done: 0, total: 1 });
  const coverage = testCoverage(model, cases);
  progress({ stage: 'coverage', done: 1, total: 1 });
  return { results, summary, snapshot, coverage };
}

/** Test cases run between two progress reports. */
const TEST_BATCH = 200;

function readSnapshot(host: ProjectHost, file: string, current: MatrixSnapshot): TestRunReport['snapshot'] {
  const path = absolutePath(host.cwd, file);
  let text: string;
  try {
    if (host.fs.stat(path)?.kind !== 'file') return { file, status: 'missing', changes: [] };
    text = new TextDecoder().decode(host.fs.readFile(path));
  } catch (e) {
    return { file, status: 'invalid', changes: [], error: (e as Error).message };
  }
  const parsed = parseSnapshot(text);
  if (!parsed.snapshot) return { file, status: 'invalid', changes: [], error: parsed.error ?? 'unreadable' };
  const changes = compareSnapshots(parsed.snapshot, current);
  return { file, status: changes.length ? 'differs' : 'matches', changes };
}
