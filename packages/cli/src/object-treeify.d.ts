// object-treeify ships no types; this is the part of its API the CLI uses.
declare module 'object-treeify' {
  export type Tree = { readonly [label: string]: Tree | null };
  export default function treeify(tree: Tree, options?: { readonly joined?: true }): string;
}
