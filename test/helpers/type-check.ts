import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Type-checks `files` of the project in `dir` as its own tsconfig.json would (written there with
 * `compilerOptions`, strict, no emit, no ambient types) and returns the errors as
 * `file.ts:line message`: how the module-format tests check generated declarations under each
 * TypeScript `module` setting.
 */
export function typeErrorsIn(dir: string, compilerOptions: Record<string, string>, files: string[]): string[] {
  const config = {
    compilerOptions: {
      ...compilerOptions,
      strict: true,
      noEmit: true,
      target: 'ES2022',
      types: [],
      skipLibCheck: false,
    },
    files,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(dir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  if (parsed.errors.length > 0)
    throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('\n'));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.split('/').pop()}:${d.file.getLineAndCharacterOfPosition(d.start!).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
