import { cspHash } from './html-embed.js';

/** What the head of a page `permset build` writes is made of. */
export interface PageHead {
  /** The page's `<title>` (plain text the caller chose, not policy text: it is not escaped). */
  title: string;
  /** The page's one inline style sheet, written into the head. */
  style: string;
  /** The texts of the page's inline scripts, allowed by hash. */
  scripts: readonly string[];
  /** Style sheets the page's scripts may add (e.g. an element's own sheet), allowed by hash. */
  moreStyles?: readonly string[];
}

/**
 * The start of a self-contained page (matrix.html, builder.html) up to and including `</head>`.
 * Its Content-Security-Policy allows exactly the page's own scripts and styles, by hash (no
 * 'unsafe-inline', no 'unsafe-eval'), and nothing from the network, so any slip in what a page
 * embeds is inert rather than dangerous.
 */
export function pageHead(head: PageHead): string {
  const hashes = (texts: readonly string[]) => texts.map((t) => `'${cspHash(t)}'`).join(' ');
  const csp = [
    "default-src 'none'",
    `script-src ${hashes(head.scripts)}`,
    `style-src ${hashes([head.style, ...(head.moreStyles ?? [])])}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="permset">
<title>${head.title}</title>
<style>${head.style}</style>
</head>
`;
}
