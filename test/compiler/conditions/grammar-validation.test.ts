import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { ConditionParser, conditionParser } from '../../../packages/compiler/src/conditions/parser.js';
import { conditionLexer, createConditionLexer } from '../../../packages/compiler/src/conditions/tokens.js';

// The shared lexer and parser skip chevrotain's definition checks to start faster; these tests
// run the checks, so a grammar or token change that breaks them still fails here.
describe('condition grammar validations', () => {
  it('the token definitions pass chevrotain’s lexer checks, without warnings', () => {
    // chevrotain throws on definition errors and prints warnings with console.warn.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    onTestFinished(() => warn.mockRestore());
    const lexer = createConditionLexer({ validate: true });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('the grammar passes chevrotain’s grammar checks (ambiguity, left recursion, reachability)', () => {
    // performSelfAnalysis throws "Parser Definition Errors detected" when a check fails.
    expect(() => new ConditionParser({ validate: true })).not.toThrow();
  });

  it.each([
    'subject.id in resource.members and not has(resource.archived) or resource.level >= -1.5',
    "x in ['a', 2, true]",
    "a && 'unclosed",
    'a == b == c',
    '((a)',
    'has resource',
    '',
  ])('the validated and the shared lexer and parser give the same tokens, tree and errors: %j', (text) => {
    const strip = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v) => (key === 'tokenType' ? v.name : v)));
    const validated = {
      lexer: createConditionLexer({ validate: true }),
      parser: new ConditionParser({ validate: true }),
    };
    const run = (lexer: typeof conditionLexer, parser: ConditionParser) => {
      const lexed = lexer.tokenize(text);
      parser.input = lexed.tokens;
      const cst = parser.condition();
      return strip({
        tokens: lexed.tokens,
        lexErrors: lexed.errors,
        cst,
        errors: parser.errors.map((e) => ({ name: e.name, message: e.message, token: e.token })),
      });
    };
    const shared = run(conditionLexer, conditionParser);
    expect(shared.tokens.length + shared.errors.length).toBeGreaterThanOrEqual(text === '' ? 0 : 1);
    expect(run(validated.lexer, validated.parser)).toEqual(shared);
  });
});
