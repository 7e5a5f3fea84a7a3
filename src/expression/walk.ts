/**
 * The structural check run on the parse tree before anything is evaluated: only numbers,
 * allow-listed names and operators, brackets and ranges may appear, the tree must be small and
 * shallow, and every refusal points at the offending text.
 */
import { ExpressionError } from '../errors.js';
import { ALLOWED_CONSTANTS, ALLOWED_FUNCTIONS, ALLOWED_OPERATORS } from './allowList.js';
import { EXPRESSION_LIMITS } from './limits.js';
import type {
  AcceptedNode,
  AccessorNode,
  AnyNode,
  ArrayNode,
  ConstantNode,
  FunctionNode,
  OperatorNode,
  ParenthesisNode,
  RangeNode,
  SymbolNode,
} from './nodes.js';
import { DISABLED_FUNCTIONS, isUnitName } from './safeMath.js';
import { at, findAccess, findAssignment, findString, findToken, findWord } from './textScan.js';

const REAL_ONLY = 'a Hinge expression must be a real number, vector or matrix';

interface WalkState {
  readonly text: string;
  nodes: number;
}

/**
 * Check the whole tree and return it narrowed to accepted node types, or throw the first
 * problem found in reading order as an ExpressionError.
 */
export function checkTree(root: AnyNode, text: string): AcceptedNode {
  const state: WalkState = { text, nodes: 0 };
  visit(root, 1, state);
  return root as AcceptedNode;
}

function visit(node: AnyNode, depth: number, state: WalkState): void {
  if (++state.nodes > EXPRESSION_LIMITS.maxNodes) {
    throw new ExpressionError(
      `The expression has more than ${EXPRESSION_LIMITS.maxNodes} parts; please shorten it.`,
      'too-large',
    );
  }
  if (depth > EXPRESSION_LIMITS.maxDepth) {
    throw new ExpressionError(
      `The expression is nested more than ${EXPRESSION_LIMITS.maxDepth} levels deep (or chains that many operations); please simplify it.`,
      'too-large',
    );
  }
  const text = state.text;
  switch (node.type) {
    case 'ConstantNode':
      return checkConstant(node as ConstantNode, text);
    case 'SymbolNode':
      return checkSymbol(node as SymbolNode, text);
    case 'FunctionNode':
      return checkCall(node as FunctionNode, depth, state);
    case 'OperatorNode': {
      const op = node as OperatorNode;
      if (!ALLOWED_OPERATORS.has(op.fn)) {
        throw new ExpressionError(`The operator \`${op.op}\` is not allowed in Hinge expressions.`, 'not-allowed', at(findOperator(text, op.op)));
      }
      for (const arg of op.args) visit(arg, depth + 1, state);
      return;
    }
    case 'ParenthesisNode':
      return visit((node as ParenthesisNode).content, depth + 1, state);
    case 'ArrayNode':
      for (const item of (node as ArrayNode).items) visit(item, depth + 1, state);
      return;
    case 'RangeNode': {
      const range = node as RangeNode;
      visit(range.start, depth + 1, state);
      if (range.step) visit(range.step, depth + 1, state);
      visit(range.end, depth + 1, state);
      return;
    }
    default:
      throw refusedNode(node, text);
  }
}

function checkConstant(node: ConstantNode, text: string): void {
  const value = node.value;
  if (typeof value === 'number') return;
  if (value === undefined) throw new ExpressionError('Type a value.', 'empty');
  if (typeof value === 'string') {
    throw new ExpressionError(`Text in quotes is not a number: ${REAL_ONLY}.`, 'not-real', at(findString(text)));
  }
  const word = String(value);
  throw new ExpressionError(`\`${word}\` is not a number: ${REAL_ONLY}.`, 'not-real', at(findWord(text, word)));
}

function checkSymbol(node: SymbolNode, text: string): void {
  const name = node.name;
  if (ALLOWED_CONSTANTS.has(name)) return;
  const where = at(findWord(text, name));
  if (ALLOWED_FUNCTIONS.has(name)) {
    throw new ExpressionError(`\`${name}\` is a function: call it with arguments, like ${name}(x).`, 'syntax', where);
  }
  // Some of these are also unit names (`chain` is a surveyor's chain); they are refused as what they are.
  if (DISABLED_FUNCTIONS.includes(name)) throw notAllowedName(name, where);
  if (name === 'i') {
    throw new ExpressionError(`Complex numbers are not supported: ${REAL_ONLY}.`, 'not-real', where);
  }
  if (isUnitName(name)) {
    throw new ExpressionError(`Units such as \`${name}\` are not supported: ${REAL_ONLY}.`, 'not-real', where);
  }
  throw notAllowedName(name, where);
}

function checkCall(node: FunctionNode, depth: number, state: WalkState): void {
  const callee = node.fn;
  if (callee.type !== 'SymbolNode') {
    // Look inside first: `cos.constructor(...)` is best reported at its property access.
    visit(callee, depth + 1, state);
    throw new ExpressionError('Only named functions such as sqrt(x) can be called.', 'not-allowed', at(findToken(state.text, '(')));
  }
  const name = (callee as SymbolNode).name;
  if (!ALLOWED_FUNCTIONS.has(name)) throw notAllowedName(name, at(findWord(state.text, name, true)));
  state.nodes++;
  for (const arg of node.args) visit(arg, depth + 1, state);
}

function notAllowedName(name: string, where: { index?: number }): ExpressionError {
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return new ExpressionError(
    `\`${shown}\` is not allowed in Hinge expressions. Use numbers, [ ], pi, e and functions such as sqrt, sin, eye, inv.`,
    'not-allowed',
    where,
  );
}

function refusedNode(node: AnyNode, text: string): ExpressionError {
  switch (node.type) {
    case 'AssignmentNode':
      return new ExpressionError(`Assigning with \`=\` is not allowed: type only the value.`, 'not-allowed', at(findAssignment(text)));
    case 'FunctionAssignmentNode':
      return new ExpressionError(
        `Defining functions such as \`f(x) = …\` is not allowed: ${REAL_ONLY}.`,
        'not-allowed',
        at(findAssignment(text)),
      );
    case 'ObjectNode':
      return new ExpressionError(`Objects \`{…}\` are not allowed: ${REAL_ONLY}.`, 'not-allowed', at(findToken(text, '{')));
    case 'AccessorNode':
      return new ExpressionError(
        'Reading a property or index after a value (`.name` or `[…]`) is not allowed in Hinge expressions.',
        'not-allowed',
        at(accessorIndex(node as AccessorNode, text)),
      );
    case 'BlockNode':
      return new ExpressionError(
        'Type a single expression: `;` separates rows only inside [ ], and new lines are not allowed.',
        'syntax',
        at(findToken(text, ';') ?? findToken(text, '\n')),
      );
    case 'ConditionalNode':
      return new ExpressionError('The `? :` operator is not allowed in Hinge expressions.', 'not-allowed', at(findToken(text, '?')));
    case 'RelationalNode':
      return new ExpressionError(`Comparisons are not allowed: ${REAL_ONLY}.`, 'not-allowed', at(findComparison(text)));
    default:
      return new ExpressionError(`This kind of expression (${node.type}) is not allowed in Hinge.`, 'not-allowed');
  }
}

function accessorIndex(node: AccessorNode, text: string): number | undefined {
  const first = node.index?.dimensions?.[0];
  if (node.index?.dotNotation && first?.type === 'ConstantNode') {
    const name = String((first as ConstantNode).value).replace(/[^A-Za-z0-9_$]/g, '');
    const property = new RegExp(`^\\.\\s*${name}(?![A-Za-z0-9_$])`);
    const dot = findToken(text, '.', (i) => property.test(text.slice(i)));
    if (dot !== undefined) return dot;
  }
  return findAccess(text);
}

function findOperator(text: string, op: string): number | undefined {
  return /^[a-z]+$/.test(op) ? findWord(text, op) : findToken(text, op);
}

function findComparison(text: string): number | undefined {
  const hits = ['==', '!=', '<', '>'].map((op) => findToken(text, op)).filter((i): i is number => i !== undefined);
  return hits.length > 0 ? Math.min(...hits) : undefined;
}
