import type { Frame, Page } from 'playwright-core';

/** The status bar item of the extension (VS Code names it `<extension id>.<item id>`). */
export const PERMSET_STATUS = '[id="permset.permset-vscode.permset.status"]';

/** Waits until the extension's status bar item says the first check is done. */
export async function waitForReady(page: Page, timeout = 60_000): Promise<string> {
  const item = page.locator(PERMSET_STATUS);
  await item.waitFor({ timeout });
  await page.waitForFunction(
    (sel) => /^Permset: (no problems|\d+ error)/.test(document.querySelector(sel)?.getAttribute('aria-label') ?? ''),
    PERMSET_STATUS,
    { timeout },
  );
  return (await item.getAttribute('aria-label')) ?? '';
}

/**
 * Waits until the active editor's text does (or, with `absent`, does not) contain each string.
 * Monaco renders spaces as no-break spaces; they are compared as spaces.
 */
export async function waitForEditorText(
  page: Page,
  present: string[],
  absent: string[] = [],
  timeout = 30_000,
): Promise<void> {
  await page.waitForFunction(
    ([yes, no]) => {
      const text = (
        document.querySelector('.editor-group-container.active .monaco-editor .view-lines')?.textContent ?? ''
      ).replace(/\u00a0/g, ' ');
      return yes!.every((t) => text.includes(t)) && no!.every((t) => !text.includes(t));
    },
    [present, absent] as const,
    { timeout },
  );
}

/** Opens a file through Quick Open (Ctrl+P), waiting until the editor shows `expectText`. */
export async function openFile(page: Page, name: string, expectText: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  // Clicked rather than Enter: the list may still be replacing its rows when Enter arrives.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().click();
  await waitForEditorText(page, [expectText]);
}

/** Runs a command from the palette (F1) by its full title, as a user does. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
}

/**
 * Waits for the quick input titled `title` (a quick pick or an input box of a command), so text
 * never goes to the previous one while it closes.
 */
export async function quickInput(page: Page, title: string) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  return input;
}

/** In the quick pick titled `title`, chooses the item that contains `text`. */
export async function chooseInQuickPick(page: Page, title: string, text: string): Promise<void> {
  await (await quickInput(page, title)).fill(text);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first().click();
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: title })
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

/** In the input box titled `title`, replaces the text and accepts it. */
export async function answerInputBox(page: Page, title: string, text: string): Promise<void> {
  await (await quickInput(page, title)).fill(text);
  await page.keyboard.press('Enter');
}

/**
 * The frame of a webview whose document has `selector`: webviews are an iframe holding an
 * iframe (`#active-frame`) with the extension's page; several may be open at once.
 */
export async function webviewFrame(page: Page, selector: string, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      try {
        if ((await frame.locator(selector).count()) > 0) return frame;
      } catch {
        // a frame that navigated away while we asked
      }
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} within ${timeout} ms`);
    await page.waitForTimeout(200);
  }
}

/** The rows of the Problems panel (opened with Ctrl+Shift+M) once one contains `text`. */
export async function problems(page: Page, text: string): Promise<string[]> {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 30_000 });
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/**
 * The titles of the palette's commands that match `query` (typed after `>`), once the list shows
 * `expected` (a command that must be there, so the list is complete); closes the palette.
 */
export async function paletteCommands(page: Page, query: string, expected: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${query}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: expected }).first().waitFor();
  const titles = await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts();
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden' });
  return titles;
}

/** The status bar item VS Code shows while the window is in Restricted Mode. */
export const RESTRICTED_MODE_STATUS = '[id="status.workspaceTrust"]';

/** Trusts the open folder from the Workspace Trust editor (which must be open) and closes it. */
export async function trustFolderInEditor(page: Page): Promise<void> {
  // The primary button ("Trust", Ctrl+Enter), not "Trust Parent".
  const trust = page.locator('.workspace-trust-editor .workspace-trust-buttons .monaco-button', {
    hasText: /^\s*Trust\s*$/,
  });
  await trust.waitFor({ timeout: 30_000 });
  await trust.click();
  await page.locator(RESTRICTED_MODE_STATUS).waitFor({ state: 'detached', timeout: 30_000 });
  await runCommand(page, 'View: Close Editor');
  await page.locator('.workspace-trust-editor').waitFor({ state: 'detached', timeout: 10_000 });
}
