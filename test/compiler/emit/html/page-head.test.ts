import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pageHead } from '../../../../packages/compiler/src/emit/html/page-head.js';

// The one writer of the <head> of matrix.html and builder.html: their pages' own tests (golden
// matrix.html, builder.html in Chromium) show the pages work under it; this pins what it writes.

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('pageHead', () => {
  it('writes the head with a CSP that allows exactly the given scripts and styles by hash', () => {
    const head = pageHead({ title: 'Access matrix', style: 'p{}', scripts: ['a()', 'b()'], moreStyles: [':host{}'] });
    expect(head).toBe(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${hash('a()')} ${hash('b()')}; style-src ${hash('p{}')} ${hash(':host{}')}; img-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="permset">
<title>Access matrix</title>
<style>p{}</style>
</head>
`);
  });

  it('allows only the page style when no other sheet is given', () => {
    expect(pageHead({ title: 't', style: 'x', scripts: ['s'] })).toContain(
      `script-src ${hash('s')}; style-src ${hash('x')}; img-src`,
    );
  });
});
