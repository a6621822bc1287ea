import { generateCstDts } from 'chevrotain';
import { expect, it } from 'vitest';
import { conditionParser } from '../../../packages/compiler/src/conditions/parser.js';

const HEADER = `// Generated from the grammar in ../parser.ts by chevrotain's generateCstDts. Do not edit:
// run \`npx vitest run test/compiler/conditions/generated-cst.test.ts -u\` after changing the grammar.

`;

// The CST types the visitor is written against must match the grammar; \`-u\` regenerates them.
it('generated/cst.ts matches the grammar', async () => {
  const dts = generateCstDts(conditionParser.getGAstProductions());
  await expect(HEADER + dts).toMatchFileSnapshot('../../../packages/compiler/src/conditions/generated/cst.ts');
});
