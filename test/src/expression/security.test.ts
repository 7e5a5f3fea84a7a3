/**
 * mathjs's own security payloads (test/unit-tests/expression/security.test.js in josdejong/mathjs),
 * plus the classic ones listed in RELIABILITY.md. Every one must be refused as 'not-allowed' or
 * 'syntax' by every parser, run nothing, and leave the built-in prototypes untouched.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExpressionError } from '../../../src/errors.js';
import { ALLOWED_CONSTANTS, ALLOWED_FUNCTIONS, FUNCTION_ALIASES, HINGE_FUNCTIONS } from '../../../src/expression/allowList.js';
import { parseMatrix, parseScalar, parseVector } from '../../../src/expression/parse.js';
import { mathConstant, mathFunction } from '../../../src/expression/safeMath.js';

const HACK = "\"console.log('hacked...')\"";

// Ported from mathjs's security.test.js: the strings passed to math.evaluate there.
const MATHJS_PAYLOADS: readonly string[] = [
  `f=[].map.constructor(${HACK}); f()`,
  `f=sqrt.constructor(${HACK}); f()`,
  `f=[].map.constructor.call(null, ${HACK}); f()`,
  `f=[].map.constructor.apply(null, [${HACK}]); f()`,
  '[].constructor()',
  'constructor',
  'toString',
  `f=[].map["constructor"](${HACK}); f()`,
  `prop="constructor"; f=[].map[prop](${HACK}); f()`,
  `f=[].map[concat("constr", "uctor")](${HACK}); f()`,
  `f=[].map.constructor.bind()(${HACK}); f()`,
  String.raw`["//","a/*\nreturn process.mainModule.require"]._data.map(cos.constructor)[1]()("child_process").execSync("ps >&2")`,
  `{}.constructor.assign(cos.constructor, {binding: cos.bind})\n{}.constructor.assign(cos.constructor, {bind: null})\nf=cos.constructor.binding()(${HACK})\nf()`,
  'a.co\u006Estructor',
  String.raw`a["co\u006Estructor"]`,
  'a.constructor',
  'a.constructor = 2',
  'a["constructor"] = 2',
  String.raw`a["co\u006Estructor"] = 2`,
  'a = {"constructor": 2}',
  'a = {constructor: 2}',
  String.raw`a = {"co\u006Estructor": 2}`,
  'a = {co\u006Estructor: 2}',
  `import({matrix:cos.constructor},{override:1});x=[${HACK}];x()`,
  `a=[${HACK}]._data;a.isRange=true;x={subset:cos.constructor}[a];x()`,
  `p = parser()\np.evaluate("", [])\no = p.get("constructor")\nc = o.getOwnPropertyDescriptor(o.__proto__, "constructor")\nf = c.value(${HACK})\nf()`,
  `O = {}.constructor\nd = O.getOwnPropertyDescriptor(O.__proto__, "constructor")\nf = evaluate("value", d)(${HACK})\nf()`,
  String.raw`f=[].map["\u0063onstructor"](` + `${HACK}); f()`,
  '{hasOwnProperty: 2}',
  '{constructor: 2}',
  '{toString: 2}',
  `{}.constructor.assign(expression.node.AssignmentNode.prototype, {_compile: "".toString.bind(${HACK})})\nevaluate("a = 2")`,
  `expression.node.AssignmentNode.prototype.__defineGetter__("_compile", {}.valueOf.bind("".toString.bind(${HACK}))); evaluate("a = 2")`,
  String.raw`s={};s.__proto__=expression.node.SymbolNode["prototype"];expression.node.SymbolNode.apply(s,["\");},\"exec\":function(a){return global.eval}};//"]._data);s.compile().exec()("console.log('hacked...')")`,
  String.raw`x=parse("cos");x.name = "\");},\"evaluate\": function(a) {return global.eval}};//a"; x.compile().evaluate()("console.log('hacked...')")`,
  String.raw`p = parse("{}[\"console.log('hacked...')\"]"); p.index.dimensions["0"].valueType = "boolean"; p.evaluate()`,
  `cos.syntax="global.eval";s=unit("5 cm");s.units=[]._data;s.value=cos;s._compile=s.toString;expression.node.Node.prototype.compile.call(s).evaluate()(${HACK})`,
  `expression.node.ConstantNode.prototype.clone.call({"value":"evaluate"}).evaluate()(${HACK})`,
  `c(x,y)=${HACK};expression.node.Node.prototype.compile.apply({_compile:c}).evaluate()`,
  `f()=false;g()={length:3};h()={"0":0,"1":0,"2":0};j(x)=[x("constructor")];k(x)={map:j};i={isIndex:true,isScalar:f,size:g,min:h,max:h,dimension:k};f=subset(subset([[[0]]],i),index(1,1,1))(${HACK});f()`,
  String.raw`scope={}; setter = evaluate("f(obj, name, newValue, assign) = (obj[name] = newValue)", scope); o = parse("1"); setter(o, "value", "evaluate", subset); scope.obj.compile().evaluate()("console.log('hacked...')")`,
  `subset(parse("1"), index("value"), "evaluate").compile().evaluate()(${HACK})`,
  String.raw`badValue = {"isNode": true, "_compile": evaluate("f(a, b) = \"evaluate\"")}; x = evaluate("f(child, path, parent) = path ==\"value\" ? newChild : child", {"newChild": badValue}); parse("x = 1").map(x).compile().evaluate()("console.log('hacked')")`,
  String.raw`badValue = {"isNode": true, "type": "ConstantNode", "valueType": "string", "_compile": evaluate("f(a, b) = \"evaluate\"")}; x = evaluate("f(child, path, parent) = path ==\"value\" ? newChild : child", {"newChild": badValue}); parse("x = 1").map(x).compile().evaluate()("console.log('hacked...')")`,
  String.raw`evaluate("f(validateSafeMethod)=cos.constructor(\"return evaluate\")()")(evaluate("f(x,y)=0"))("console.log('hacked...')")`,
  String.raw`badToString = evaluate("f() = 1"); badReplace = evaluate("f(a, b) = \"evaluate\""); badNumber = {toString:badToString, replace:badReplace}; badNode = {"isNode": true, "type": "ConstantNode", "valueType": "number", "value": badNumber}; x = evaluate("f(child, path, parent) = badNode", {badNode:badNode}); parse("(1)").map(x).compile().evaluate()("console.log('hacked...')")`,
  String.raw`parse("(0)").map(evaluate("f(a,b,c)=d",{d:{isNode:true,type:"OperatorNode",fn:"__lookupGetter__",args:{map:evaluate("f(a)=b",{b:{join:evaluate("f(a)=\"1)||evaluate;}};//\"")}})}}})).compile().evaluate()("console.log('hacked...')")`,
  `f(x,y)="evaluate";g()=3;fakeConstantNode={"isNode": true, "type": "ConstantNode", "valueType": "number", "value": {"replace": f, "toString": g}};injectFakeConstantNode(child,path,parent)=path=="value"?fakeConstantNode:child;parse("a=3").map(injectFakeConstantNode).compile().evaluate()(${HACK})`,
  `g(x)="evaluate";f(x)=({join: g});fakeArrayNode={isNode: true, type: "ArrayNode", items: {map: f}};injectFakeArrayNode(child,path,parent)=path=="value"?fakeArrayNode:child;parse("a=3").map(injectFakeArrayNode).compile().evaluate()[1](${HACK})`,
  String.raw`x=parse("\"a\"");x.__defineGetter__("value",evaluate("f()=\"false\\\"&&evaluate;}};\/\/\"")); x.compile().evaluate()("console.log('hacked...')")`,
  `f=chain("a(){return evaluate;};function b").typed({"":f()=0}).done();g=f();g(${HACK})`,
  `evilMath=chain().create().done();evilMath.import({"_compile":f(a,b,c)="evaluate","isNode":f()=true}); parse("(1)").map(g(a,b,c)=evilMath.chain()).compile().evaluate()(${HACK})`,
  `x=parse("a",{nodes:{a:Chain}});Chain.bind(x,{})();evilMath=x.create().done();evilMath.import({"_compile":f(a,b,c)="evaluate","isNode":f()=true}); parse("(1)").map(g(a,b,c)=evilMath.chain()).compile().evaluate()(${HACK})`,
  '[]["(){}+console.log(`hacked...`);function a"]()=0',
  '{}["(){}+console.log(`hacked...`);function a"]()=0',
  'obj.constructor',
  '{}.__proto__',
  '[]._data',
  'unit("5cm").valueOf',
  'expression',
  'type',
  'error',
  'json',
  'chain',
];

// The classic payloads RELIABILITY.md names.
const CLASSIC_PAYLOADS: readonly string[] = [
  'cos.constructor("return process")()',
  '[].map.constructor("return process")',
  'f=function(x){}',
  'import({matrix: cos}, {override: true})',
  'createUnit("foo")',
  'evaluate("1")',
  'parse("1")',
  'simplify.constructor',
  'a=1;a.constructor',
  'x=[1];x.constructor',
  '{}["constructor"]',
  '__proto__',
  '[1]["__proto__"]',
  '(1).constructor',
  '"".constructor.prototype',
  'Object.prototype.toString',
  'config({})',
  'chain(1)',
  'derivative("x^2", "x")',
  'resolve("x")',
  'compile("1")',
  'parser()',
  'rationalize("1")',
  'help(cos)',
  'reviver',
  'typed("f", {})',
  'matrix([1])',
  'globalThis',
  'process.exit()',
];

const PROTOTYPES = { Object, Function, Array, String, Number, Boolean, Error, RegExp } as const;

function snapshot(): Map<string, unknown> {
  const seen = new Map<string, unknown>();
  for (const [name, ctor] of Object.entries(PROTOTYPES)) {
    for (const key of Reflect.ownKeys(ctor.prototype)) {
      seen.set(`${name}.prototype.${String(key)}`, Object.getOwnPropertyDescriptor(ctor.prototype, key)?.value);
    }
  }
  for (const key of Reflect.ownKeys(globalThis)) seen.set(`globalThis.${String(key)}`, true);
  return seen;
}

describe('security payloads', () => {
  let before: Map<string, unknown>;
  const log = vi.spyOn(console, 'log');

  beforeAll(() => {
    before = snapshot();
  });
  afterAll(() => log.mockRestore());

  it.each([...MATHJS_PAYLOADS, ...CLASSIC_PAYLOADS].map((p) => [p]))('%s', (payload) => {
    for (const parse of [parseMatrix, parseVector, parseScalar]) {
      let error: unknown;
      try {
        parse(payload);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ExpressionError);
      expect(['not-allowed', 'syntax']).toContain((error as ExpressionError).kind);
    }
  });

  it('left every built-in prototype and global untouched, and logged nothing', () => {
    expect(snapshot()).toEqual(before);
    expect(log).not.toHaveBeenCalled();
    expect(parseMatrix('[1, 2; 3, 4]')).toEqual([[1, 2], [3, 4]]);
  });
});

describe('the locked-down instance', () => {
  it.each(['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile', 'parser', 'rationalize', 'help'])(
    '%s throws even if reached by name',
    (name) => {
      expect(() => mathFunction(name)('1')).toThrow();
    },
  );

  it('has every allow-listed function and constant (but those Hinge implements itself)', () => {
    for (const name of ALLOWED_FUNCTIONS) {
      if (!HINGE_FUNCTIONS.has(name)) expect(mathFunction(FUNCTION_ALIASES.get(name) ?? name)).toBeTypeOf('function');
    }
    for (const name of ALLOWED_CONSTANTS) expect(mathConstant(name)).toBeTypeOf('number');
    expect(() => mathFunction('randn')).toThrow(/no function randn/);
  });

  it('never lets random/randn reach mathjs or Math.random: the same text gives the same matrix', () => {
    const spy = vi.spyOn(Math, 'random');
    try {
      const first = parseMatrix('random(3, 3) + randn(3, 3)');
      expect(parseMatrix('random(3, 3) + randn(3, 3)')).toEqual(first);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
