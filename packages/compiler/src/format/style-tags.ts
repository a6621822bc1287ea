import { YAMLMap, YAMLSeq, type CollectionTag, type ScalarTag } from 'yaml';

/**
 * A scalar to print as it was written, re-indented: multi-line scalars (the wrapped prose of a
 * `description: >-`, a condition folded over lines) and numbers. The yaml library would re-wrap
 * them at its own width (or join them into one long line) and print `1.50` as `1.5`; a formatter
 * that rewrites what a person laid out by hand is one nobody runs.
 */
export class WrittenScalar {
  constructor(
    /** The first line as written (a block scalar's header, without any comment). */
    readonly head: string,
    /** The following lines, without their original indentation ('' for an empty line). */
    readonly rest: readonly string[],
  ) {}
}

/**
 * Prints a {@link WrittenScalar}: its first line, then the others at the indentation the printer
 * is at. `default: true` means the tag itself is never written.
 */
const writtenScalarTag: ScalarTag = {
  tag: 'tag:permset.dev,2025:written',
  default: true,
  identify: (value) => value instanceof WrittenScalar,
  resolve: (source) => source,
  stringify(item, ctx) {
    const value = (item as { value: WrittenScalar }).value;
    return [value.head, ...value.rest.map((line) => (line === '' ? '' : ctx.indent + line))].join('\n');
  },
};

// One printer option pads both kinds of flow collections; permset's style (and its spec's
// examples) pad mappings, `{ scope: member }`, and not lists, `[own, member]`.
// `CollectionTag` types `stringify` as absent; the printer does call it for collections.
type PrintContext = Parameters<YAMLSeq['toString']>[0] & { flowCollectionPadding: string };
type Print = (node: YAMLSeq | YAMLMap, ctx: PrintContext, onComment?: () => void, onChompKeep?: () => void) => string;
const padded =
  (padding: string): Print =>
  (node, ctx, onComment, onChompKeep) =>
    node.toString({ ...ctx, flowCollectionPadding: padding }, onComment, onChompKeep);

const seqTag = {
  tag: 'tag:yaml.org,2002:seq',
  collection: 'seq',
  nodeClass: YAMLSeq,
  default: true,
  resolve: (seq: YAMLSeq) => seq,
  stringify: padded(''),
} as unknown as CollectionTag;

const mapTag = {
  tag: 'tag:yaml.org,2002:map',
  collection: 'map',
  nodeClass: YAMLMap,
  default: true,
  resolve: (map: YAMLMap) => map,
  stringify: padded(' '),
} as unknown as CollectionTag;

/** The formatter's tags, ahead of the schema's own so they win for the nodes they identify. */
export function formatterTags<T>(tags: T[]): T[] {
  return [writtenScalarTag as T, seqTag as T, mapTag as T, ...tags];
}
