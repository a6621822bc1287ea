import type { Problem } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';

// Bidirectional embedding, override and isolate controls (CVE-2021-42574, "Trojan Source"): they
// make a reviewer read an id or condition differently from what the compiler sees.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Reports every invisible bidirectional control character in a policy file. */
export function scanBidi(uri: string, text: string): Problem[] {
  const problems: Problem[] = [];
  for (const m of text.matchAll(BIDI)) {
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    problems.push(
      makeProblem(
        'bidi-control',
        `Invisible bidirectional control character U+${code}: it can make this line read differently from what permset compiles. Remove it.`,
        { uri, span: [m.index, m.index + m[0].length] },
        {
          fixes: [
            {
              title: `Remove U+${code}`,
              isPreferred: true,
              edits: [{ uri, span: [m.index, m.index + m[0].length], newText: '' }],
            },
          ],
        },
      ),
    );
    if (problems.length >= 100) break;
  }
  return problems;
}
