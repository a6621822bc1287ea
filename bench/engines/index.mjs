// The engines of bench/compare-engines.mjs, built for one policy model, in table order.
import { createCaslEngine } from './casl.mjs';
import { createCasbinEngine } from './casbin.mjs';
import { createFloorEngine } from './floor.mjs';
import { createPermsetEngine } from './permset.mjs';

/**
 * What the adapters need, from the built compiler (the benchmark) or its sources (the test).
 *
 * @typedef {object} EngineInput
 * @property {import('../../packages/compiler/dist/index.js').PolicyModel} model
 * @property {import('./grant-alternatives.mjs').EvaluatorPlan} plan `planEvaluator(model)`
 * @property {typeof import('../../packages/compiler/dist/index.js').parseCondition} parseCondition
 * @property {any} ev the imported generated evaluator
 * @property {any} [cedar] the compiler's Cedar export module (emit/cedar: `exportCedar`), when it exists
 */

/**
 * Every engine, ours first. Cedar is built only when `input.cedar` is given; otherwise it is
 * reported in `missing` with the reason.
 *
 * @param {EngineInput} input
 * @param {{ casbinEval?: boolean }} [options] also time casbin's `eval()` rule form (slower)
 * @returns {Promise<{ engines: import('./engine.mjs').Engine[], missing: { name: string, reason: string }[] }>}
 */
export async function createEngines(input, { casbinEval = true } = {}) {
  const engines = [
    createPermsetEngine(input),
    await createFloorEngine(input),
    await createCasbinEngine({ plan: input.plan, mode: 'matcher' }),
  ];
  if (casbinEval) engines.push(await createCasbinEngine({ plan: input.plan, mode: 'eval' }));
  engines.push(createCaslEngine(input));
  const missing = [];
  if (input.cedar) {
    const { createCedarEngine } = await import('./cedar.mjs');
    engines.push(await createCedarEngine(input));
  } else {
    missing.push({
      name: 'Cedar',
      reason: 'the compiler has no Cedar export yet (packages/compiler/dist/emit/cedar/index.js)',
    });
  }
  return { engines, missing };
}
