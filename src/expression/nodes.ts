/**
 * The shapes of the mathjs parse-tree nodes Hinge reads. We describe them structurally rather
 * than through mathjs's own types so that nothing here depends on mathjs's class hierarchy, and
 * every node reaching the walker is narrowed by its `type` string first.
 */

export interface AnyNode {
  readonly type: string;
}
export interface ConstantNode extends AnyNode {
  readonly type: 'ConstantNode';
  readonly value: unknown;
}
export interface SymbolNode extends AnyNode {
  readonly type: 'SymbolNode';
  readonly name: string;
}
export interface FunctionNode extends AnyNode {
  readonly type: 'FunctionNode';
  readonly fn: AnyNode;
  readonly args: readonly AnyNode[];
}
export interface OperatorNode extends AnyNode {
  readonly type: 'OperatorNode';
  readonly op: string;
  readonly fn: string;
  readonly args: readonly AnyNode[];
}
export interface ParenthesisNode extends AnyNode {
  readonly type: 'ParenthesisNode';
  readonly content: AnyNode;
}
export interface ArrayNode extends AnyNode {
  readonly type: 'ArrayNode';
  readonly items: readonly AnyNode[];
}
export interface RangeNode extends AnyNode {
  readonly type: 'RangeNode';
  readonly start: AnyNode;
  readonly end: AnyNode;
  readonly step: AnyNode | null | undefined;
}
export interface AccessorNode extends AnyNode {
  readonly type: 'AccessorNode';
  readonly object: AnyNode;
  readonly index: { readonly dimensions: readonly AnyNode[]; readonly dotNotation?: boolean };
}

/** The node types an accepted expression may contain; the walker refuses every other type. */
export type AcceptedNode = ConstantNode | SymbolNode | FunctionNode | OperatorNode | ParenthesisNode | ArrayNode | RangeNode;
