// The .d.ts parameter types agree with the core's table (pkg/table.js, from spec.rs). They are
// generated from it (src/typescript); this reads the result with the TypeScript compiler's own
// checker, so a generator mistake, or a method whose declared parameter type names another
// operation's, fails here: every parameter the table lists is declared on the method's first
// argument, optional exactly when the table does not require it, and nothing else is declared.
// Run after `make pkg`: node --test tests/types/params.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { operations } from "../../pkg/table.js";

const TYPES = fileURLToPath(new URL("../../pkg/types.d.ts", import.meta.url));
const program = ts.createProgram([TYPES], { strict: true, noEmit: true, skipLibCheck: true, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] });
const checker = program.getTypeChecker();
const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(TYPES)));
const instance = checker.getDeclaredTypeOfSymbol(exports.find((s) => s.name === "CustomerIo"));

/** The type of the first argument of `method`, without undefined. */
function paramsOf(method) {
  const member = instance.getProperty(method);
  assert.ok(member, `CustomerIo has no method ${method} in the types`);
  const [signature] = checker.getTypeOfSymbol(member).getCallSignatures();
  return checker.getNonNullableType(checker.getTypeOfSymbol(signature.getParameters()[0]));
}

/** Each branch of a union (a trigger's audiences, a send with or without a template), or the type itself. */
const branches = (type) => (type.isUnion() ? type.types : [type]);

/** The names a branch declares with a type other than never (`ids?: never` in another audience's branch is a refusal). */
function declared(branch) {
  return branch.getProperties().filter((p) => !(checker.getTypeOfSymbol(p).flags & ts.TypeFlags.Never)).map((p) => p.name);
}

test("every method's parameter type declares exactly the table's parameters", () => {
  const found = [];
  for (const op of operations) {
    const names = op.params.map((p) => p.name);
    const type = paramsOf(op.name);
    const union = new Set(branches(type).flatMap(declared));
    for (const name of names) if (!union.has(name)) found.push(`${op.name}.${name}: in the table, missing from the types`);
    for (const name of union) if (!names.includes(name)) found.push(`${op.name}.${name}: in the types, not in the table`);
  }
  assert.deepEqual(found, []);
});

test("a parameter is optional in the types exactly when the table does not require it", () => {
  const found = [];
  let checked = 0;
  for (const op of operations) {
    for (const branch of branches(paramsOf(op.name))) {
      for (const param of op.params) {
        const property = branch.getProperty(param.name);
        // A parameter one branch refuses (never) or requires for that branch (an audience, a send
        // without a template) is the union's rule, not the table's.
        if (!property || checker.getTypeOfSymbol(property).flags & ts.TypeFlags.Never) continue;
        const optional = Boolean(property.flags & ts.SymbolFlags.Optional);
        if (param.required && optional) found.push(`${op.name}.${param.name}: required in the table, optional in the types`);
        if (!param.required && !optional && branches(paramsOf(op.name)).length === 1) found.push(`${op.name}.${param.name}: optional in the table, required in the types`);
        checked += 1;
      }
    }
  }
  assert.ok(checked >= 150, `only ${checked} parameters were checked`);
  assert.deepEqual(found, []);
});

test("an enum parameter takes exactly the table's values", () => {
  const found = [];
  for (const op of operations) {
    const type = paramsOf(op.name);
    for (const param of op.params.filter((p) => p.kind.type === "enum")) {
      const declaredType = checker.getNonNullableType(checker.getTypeOfSymbol(type.getProperty(param.name)));
      const values = branches(declaredType).map((t) => t.value).sort();
      if (JSON.stringify(values) !== JSON.stringify([...param.kind.values].sort())) {
        found.push(`${op.name}.${param.name}: ${values.join("|")} in the types, ${param.kind.values.join("|")} in the table`);
      }
    }
  }
  assert.deepEqual(found, []);
});
