import type { BuilderEventDetail } from './builder-element.js';

/**
 * The script of builder.html, the documented example of embedding: the page shows the
 * definition the element emits on `save` (what a product would send to its API) and counts
 * the problems on each `change`.
 */
function wire(): void {
  const builder = document.querySelector('permset-builder');
  const output = document.getElementById('definition-output');
  const status = document.getElementById('definition-status');
  if (!builder || !output || !status) return;
  builder.addEventListener('change', (e) => {
    const { diagnostics } = (e as CustomEvent<BuilderEventDetail>).detail;
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    status.textContent = errors ? `Not saved: ${errors} error${errors === 1 ? '' : 's'}.` : 'Changed, not saved yet.';
  });
  builder.addEventListener('save', (e) => {
    output.textContent = JSON.stringify((e as CustomEvent<BuilderEventDetail>).detail.definition, null, 2);
    status.textContent = 'Saved: this is the definition the product stores and passes to withCustomSets.';
  });
}

wire();
