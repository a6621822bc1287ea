import { readFileSync } from 'node:fs';

/** A command of a Markdown document's ```sh or ```bash block, as a shell would read it. */
export interface DocCommand {
  /** The command as written: `\`-continued lines joined, a here-document with its body. */
  text: string;
  /** The exit status the document promises in a trailing `# exit N` comment (default 0). */
  status: number;
}

/** A ```sh or ```bash block of a document, in document order. */
export interface DocBlock {
  /** The nearest heading above it ("## Check them locally"). */
  heading: string;
  /** Its first line when that is a comment ("# in ../permset"): where the commands run. */
  comment: string | undefined;
  commands: DocCommand[];
  /** Commands a `doc-test: skip` marker leaves out, each with the marker's reason. */
  skipped: { text: string; reason: string }[];
}

/**
 * The marker for a command that cannot run in a test, written as an HTML comment (invisible on
 * GitHub) between the previous block and the block it is about, one per command, with the command exactly as in
 * the block and a reason: <!-- doc-test: skip `git push` because there is no remote here -->
 */
const SKIP = /<!-- doc-test: skip `([^`]+)` because ([^>]+?) -->/g;

/**
 * The shell blocks of a Markdown file with their commands, so a test runs a document's commands
 * as written. A marker that names no command of its block is an error: a renamed command must
 * not leave a stale marker that skips nothing.
 */
export function docShellBlocks(file: string): DocBlock[] {
  const text = readFileSync(file, 'utf8');
  const blocks: DocBlock[] = [];
  const fence = /^```(sh|bash)\n([\s\S]*?)^```$/gm;
  let previousEnd = 0;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const before = text.slice(previousEnd, m.index);
    previousEnd = m.index + m[0].length;
    // Headings outside code blocks ("# in ../permset" in a block is a shell comment).
    const heading = [...withoutCode(text.slice(0, m.index)).matchAll(/^#+ .*$/gm)].at(-1)?.[0] ?? '';
    // A marker belongs to the first block after it.
    const marks = [...before.matchAll(SKIP)].map((s) => ({ text: s[1]!, reason: s[2]!.trim() }));
    const commands = splitCommands(m[2]!);
    for (const mark of marks) {
      if (!commands.some((c) => c.text === mark.text))
        throw new Error(
          `${file}: the doc-test marker skips \`${mark.text}\`, which is not a command of the block under "${heading}"`,
        );
    }
    const lines = m[2]!.split('\n');
    blocks.push({
      heading,
      comment: lines[0]!.startsWith('#') ? lines[0] : undefined,
      commands: commands.filter((c) => !marks.some((mark) => mark.text === c.text)),
      skipped: marks,
    });
  }
  return blocks;
}

/** A block's commands: comment lines dropped, continuations joined, here-documents kept whole. */
function splitCommands(block: string): DocCommand[] {
  const lines = block.replace(/\\\n\s*/g, '').split('\n');
  const commands: DocCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    let text = line;
    const heredoc = /<<-?\s*'?"?(\w+)'?"?/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[1]!, i + 1);
      if (end < 0) throw new Error(`here-document ${heredoc[1]} is not closed: ${line}`);
      text = lines.slice(i, end + 1).join('\n');
      i = end;
    }
    const status = /#\s*exit (\d+)\b/.exec(line)?.[1];
    commands.push({ text: text.trimEnd(), status: status === undefined ? 0 : Number(status) });
  }
  return commands;
}

/** Markdown with the contents of its fenced code blocks removed. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}
