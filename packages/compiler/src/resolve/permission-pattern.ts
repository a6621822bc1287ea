/**
 * Permission patterns: dotted ids where a `*` segment matches one or more whole segments
 * (`invoices.*` matches `invoices.view.all`; `*.view` matches `contacts.view`).
 */
export function isPattern(text: string): boolean {
  return text.split('.').includes('*');
}

/** A matcher for a pattern (an id without `*` matches only itself). */
export function patternMatcher(pattern: string): (id: string) => boolean {
  if (!isPattern(pattern)) return (id) => id === pattern;
  const source = pattern
    .split('.')
    .map((seg) => (seg === '*' ? '[^.]+(?:\\.[^.]+)*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('\\.');
  const re = new RegExp(`^${source}$`);
  return (id) => re.test(id);
}

/**
 * How specific a pattern is: its number of literal segments. Within one layer of grants the
 * most specific match wins, so `invoices.view.*` beats `invoices.*`.
 */
export function patternSpecificity(pattern: string): number {
  return pattern.split('.').filter((s) => s !== '*').length;
}
