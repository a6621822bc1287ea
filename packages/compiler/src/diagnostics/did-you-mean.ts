/**
 * Edit distance (Damerau: adjacent transpositions count as one edit) with an early exit once
 * the distance exceeds `max`, so ranking thousands of candidates stays cheap.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2: number[] = new Array<number>(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * The candidates closest to `word`, best first (ties keep the candidates' order), and only close
 * ones: within a distance that grows with the length of the word's longest dotted segment (a
 * third of it, rounded, at least 1, at most 4: `mangr` finds `manager`), since dotted ids share
 * their prefixes and a typo sits in one segment; and only those as close as the closest, so
 * `repos.wirte` offers `repos.write` but not `repos.create` or `repos.delete`, and `repos.crete`
 * offers `repos.create` and `repos.crate` but not `repos.write`.
 */
export function didYouMean(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const longest = Math.max(...word.split('.').map((s) => s.length));
  const max = Math.max(1, Math.min(4, Math.round(longest / 3)));
  const lower = word.toLowerCase();
  const scored: { c: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of candidates) {
    if (c === word) continue;
    // Case-only differences ("View_Contacts") are the closest possible match.
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase(), max);
    if (d <= max) scored.push({ c, d, i: i++ });
  }
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  const best = scored[0]?.d ?? 0;
  return scored
    .filter((s) => s.d === best)
    .slice(0, limit)
    .map((s) => s.c);
}

/** " Did you mean 'a'?" / " Did you mean 'a' or 'b'?" / "" for a message suffix. */
export function didYouMeanSuffix(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `'${s}'`);
  const last = quoted.pop()!;
  return ` Did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?`;
}
