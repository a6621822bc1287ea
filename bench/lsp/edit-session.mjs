// A long editing session through the language service, shared by bench/lsp-memory-bench.mjs and
// test/fuzz/lsp-memory.test.ts: someone types a grant with a condition at the end of a set,
// character by character, then deletes it again, over and over, with a different user id each
// time (so every condition text is new and the parse cache keeps filling, up to its bound).
// Each edit is a didChange plus a hover at the cursor; every 5th also asks for completion and
// every 10th for the whole workspace's diagnostics (the server debounces those).

/**
 * Applies `edits` edits to the open document `uri` (initially `text`) and calls `checkpoint(n)`
 * after every `every` edits. Returns the number of diagnostics seen at the last compile.
 * @param {{ service: any, uri: string, text: string, edits: number, every: number, checkpoint: (n: number) => void }} session
 */
export function runEditSession({ service, uri, text, edits, every, checkpoint }) {
  const ws = service.workspaces.forUri(uri);
  ws.openDocument(uri, text, 1);
  let version = 1;
  let cycle = 0;
  let typed = 0;
  let deleting = false;
  let line = '';
  let diagnostics = 0;
  const base = text.endsWith('\n') ? text : `${text}\n`;
  const lineNo = base.split('\n').length - 1;
  for (let n = 1; n <= edits; n++) {
    if (!deleting && typed === 0)
      line = `  deals.view: { scope: all, when: "subject.id != 'u${cycle}' and resource.owner == subject.id" }`;
    if (!deleting) typed++;
    else typed--;
    const current = base + line.slice(0, typed);
    ws.changeDocument(uri, current, ++version);
    const position = { line: lineNo, character: typed };
    service.doHover(uri, position);
    if (n % 5 === 0) service.doComplete(uri, position);
    if (n % 10 === 0) diagnostics = [...ws.diagnostics().values()].reduce((k, l) => k + l.length, 0);
    if (!deleting && typed === line.length) deleting = true;
    else if (deleting && typed === 0) {
      deleting = false;
      cycle++;
    }
    if (n % every === 0) checkpoint(n);
  }
  return diagnostics;
}
