import { describe, expect, it } from 'vitest';
import { ALL_DIAGNOSTIC_CODES } from '../../packages/compiler/src/diagnostics/codes.js';
import { MemoryFileSystem } from '../../packages/compiler/src/fs/index.js';
import { generateEvaluator, renderMatrixReports } from '../../packages/compiler/src/emit/index.js';
import { buildPolicyModel } from '../../packages/compiler/src/policy-model/index.js';
import { Program } from '../../packages/compiler/src/program/index.js';
import { createLanguageService } from '../../packages/lsp/src/language-service/language-service.js';
import { WorkspaceSet } from '../../packages/lsp/src/language-service/workspace-set.js';
import { expectPrototypesUntouched, prototypeSnapshot } from '../hostile/hostile-harness.js';
import {
  expectRangeIn,
  expectWellFormed,
  fuzzRuns,
  fuzzSeed,
  guarded,
  idsOf,
  shippedPolicies,
} from './fuzz-harness.js';
import { mutate, rng } from './mutate.js';
import { EVALUATOR_AND_MATRIX_ARTIFACTS } from '../helpers/build-artifacts.js';

// Mutation fuzzing of the shipped policies: each mutant (1–4 byte or token edits of one file,
// from a seeded generator) replaces its file in the whole project, then
// - the compiler checks the project; if there is no error, the model, the evaluator and the
//   four matrix reports are built;
// - the language service gets the mutant as an editor edit, publishes diagnostics and answers
//   hover, completion, definition and semantic tokens at random positions, then the editor
//   closes it (the file on disk is the truth again).
// Nothing may throw or take over 5 s; every diagnostic has a known code and a range inside its
// file; no built-in prototype changes. `PERMSET_FUZZ_RUNS=5000` for a long run,
// `PERMSET_FUZZ_SEED=n` to replay one.
const RUNS = fuzzRuns(50);
const SEED = fuzzSeed(20261204);
const CODES = new Set<string>(ALL_DIAGNOSTIC_CODES);
const lossy = new TextDecoder('utf-8', { fatal: false });

describe('mutation fuzzing of the shipped policies', () => {
  it(`survives ${RUNS} mutants in the compiler, the emitters and the language service`, () => {
    const shipped = shippedPolicies();
    const names = [...shipped.keys()];
    const ids = idsOf(shipped.values());
    const encoder = new TextEncoder();
    const program = new Program({ projectUri: 'policies' });
    for (const [name, text] of shipped) program.setFile({ uri: `policies/${name}`, bytes: encoder.encode(text) });
    expect(program.compile().hasErrors).toBe(false);

    const root = '/ws/policies';
    const workspaces = new WorkspaceSet(
      new MemoryFileSystem(Object.fromEntries([...shipped].map(([n, t]) => [`${root}/${n}`, t]))),
    );
    workspaces.addFolder('file:///ws');
    const service = createLanguageService(workspaces);
    const before = prototypeSnapshot();
    const r = rng(SEED);
    const stats = { mutants: 0, withErrors: 0, built: 0, lspRequests: 0 };

    for (let run = 0; run < RUNS; run++) {
      const name = r.pick(names);
      const original = shipped.get(name)!;
      const mutant = mutate(original, ids, r);
      const where = () => `seed ${SEED} run ${run} ${name}: ${mutant.edits.join('; ')}`;
      const uri = `policies/${name}`;

      program.setFile({ uri, bytes: mutant.bytes });
      const result = guarded(`compile (${where()})`, () => program.compile());
      expectWellFormed(result.diagnostics, result.files, CODES, where);
      if (result.hasErrors) stats.withErrors++;
      else {
        const files = guarded(`build (${where()})`, (): Record<string, string> => {
          const model = buildPolicyModel(result);
          return { ...generateEvaluator(model), ...renderMatrixReports(model) };
        });
        expect(Object.keys(files).sort(), where()).toEqual(EVALUATOR_AND_MATRIX_ARTIFACTS);
        expect(files['evaluator.js'], where()).toContain('export function can(');
        expect(() => JSON.parse(files['matrix.json']!), where()).not.toThrow();
        stats.built++;
      }
      program.setFile({ uri, bytes: encoder.encode(original) });

      // The editor sees text: invalid bytes arrive as U+FFFD, as an editor would show them.
      const text = lossy.decode(mutant.bytes);
      const docUri = `file://${root}/${name}`;
      const ws = workspaces.forUri(docUri)!;
      ws.openDocument(docUri, text, run + 2);
      const published = guarded(`diagnostics (${where()})`, () => ws.diagnostics());
      for (const [duri, list] of published)
        expectWellFormed(
          list,
          new Map([[duri, { text: duri === docUri ? text : (ws.sourceFile(duri)?.text ?? '') }]]),
          CODES,
          where,
        );
      for (let probe = 0; probe < 2; probe++) {
        const offset = r.int(text.length + 1);
        const head = text.slice(0, offset);
        const line = head.split(/\r\n|\r|\n/).length - 1;
        const position = { line, character: offset - Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r')) - 1 };
        guarded(`hover (${where()})`, () => service.doHover(docUri, position));
        const completion = guarded(`completion (${where()})`, () => service.doComplete(docUri, position));
        expect(Array.isArray(completion.items), where()).toBe(true);
        for (const item of completion.items)
          if (item.textEdit && 'range' in item.textEdit)
            expectRangeIn(item.textEdit.range, text, () => `${where()} completion ${item.label}`);
        for (const loc of guarded(`definition (${where()})`, () => service.findDefinition(docUri, position)))
          expect(loc.uri.startsWith('file:///ws/policies/'), where()).toBe(true);
        stats.lspRequests += 3;
      }
      const tokens = guarded(`semantic tokens (${where()})`, () => service.semanticTokens(docUri).data);
      expect(tokens.length % 5, where()).toBe(0);
      ws.closeDocument(docUri);
      stats.mutants++;
    }

    expectPrototypesUntouched(before);
    // Back to the shipped text everywhere: both report a clean project again.
    expect(program.compile().hasErrors).toBe(false);
    expect([...workspaces.all()[0]!.diagnostics().values()].flat().filter((d) => d.severity === 1)).toEqual([]);
    // The mutants must have exercised both paths: broken projects and ones that still build.
    expect(stats.mutants).toBe(RUNS);
    expect(stats.withErrors).toBeGreaterThan(RUNS * 0.2);
    expect(stats.built).toBeGreaterThan(RUNS * 0.05);
    if (process.env['PERMSET_FUZZ_RUNS']) console.log(`mutation fuzz: ${JSON.stringify(stats)}`);
  }, 600_000);
});
