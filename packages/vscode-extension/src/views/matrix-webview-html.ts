/**
 * The HTML access-matrix report made fit for a VS Code webview. The report's own
 * Content-Security-Policy allows its inline style and script by hash only. In a webview, VS Code
 * puts its theme variables into the page as a `style` attribute and injects the script that
 * defines `acquireVsCodeApi`; the policy here keeps the report's script hash (the only script
 * allowed), allows inline styles (VS Code's recommended `style-src` for webviews), resources of
 * the webview only, and nothing from the network.
 *
 * Returns the page unchanged if it has no such policy (then VS Code's own rules apply).
 */
export function matrixWebviewHtml(html: string, cspSource: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/i.exec(html);
  if (!meta) return html;
  const directives = new Map<string, string[]>();
  for (const part of meta[1]!.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  const scripts = (directives.get('script-src') ?? []).filter((v) => /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/.test(v));
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `script-src ${scripts.length ? scripts.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return (
    html.slice(0, meta.index) +
    `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">` +
    html.slice(meta.index + meta[0].length)
  );
}
