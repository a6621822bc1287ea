/** Attributes of {@link h}: `false`/`undefined` leave one out, `true` sets it empty. */
export type Attrs = Record<string, string | boolean | undefined>;

/**
 * Creates an element with attributes and children. Policy text only ever becomes a text node
 * or an attribute value here: the builder writes no markup from data.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== undefined) el.append(child);
  return el;
}

/** Sets or removes an attribute. */
export function attr(el: Element, name: string, value: string | boolean | undefined): void {
  if (value === undefined || value === false) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? '' : value);
}
