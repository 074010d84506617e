// The .d.ts answer types agree with the core's answer shapes (pkg/answers.js, from wire::shape).
// They are generated from those shapes (src/typescript); this reads the result with the
// TypeScript compiler's own checker, so a generator mistake or a method whose declared answer
// type names another shape fails here:
// every field a shape lists is declared on the method's answer type, with a type no narrower
// than the shape's kind (a field the shape leaves as any JSON is `unknown`, not `number`), null
// where the shape allows null, optional where the shape does not require the field. The one
// planned difference: a list the API always sends is typed as a list (a null list arrives as []
// at run time, src/js/runtime.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { answers } from "../../pkg/answers.js";

const TYPES = fileURLToPath(new URL("../../pkg/types.d.ts", import.meta.url));
const program = ts.createProgram([TYPES], { strict: true, noEmit: true, skipLibCheck: true, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] });
const checker = program.getTypeChecker();
const source = program.getSourceFile(TYPES);
const client = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === "CustomerIo");
const instance = checker.getDeclaredTypeOfSymbol(client);

const has = (type, flag) => (type.isUnion() ? type.types.some((t) => t.flags & flag) : Boolean(type.flags & flag));
const every = (type, test) => (type.isUnion() ? type.types.every(test) : test(type));

/** Where `type` (the declared type) is narrower than `kind` (the shape's), as messages. */
function mismatches(type, kind, path) {
  const nonNull = checker.getNonNullableType(type);
  const name = checker.typeToString(type);
  if (kind === "any") return has(type, ts.TypeFlags.Any | ts.TypeFlags.Unknown) ? [] : [`${path}: any JSON value in the shape, ${name} in the types`];
  if (kind === "integer") return every(nonNull, (t) => t.flags & ts.TypeFlags.NumberLike) ? [] : [`${path}: integer in the shape, ${name} in the types`];
  if (kind === "string") return every(nonNull, (t) => t.flags & ts.TypeFlags.StringLike) ? [] : [`${path}: string in the shape, ${name} in the types`];
  if (kind === "boolean") return every(nonNull, (t) => t.flags & ts.TypeFlags.BooleanLike) ? [] : [`${path}: boolean in the shape, ${name} in the types`];
  // A cursor the API sends as a number reaches the caller as its string (src/js/runtime.js).
  if (kind === "cursor") return every(nonNull, (t) => t.flags & ts.TypeFlags.StringLike) ? [] : [`${path}: a cursor (a string) in the shape, ${name} in the types`];
  if (kind === "string_or_integer") return has(nonNull, ts.TypeFlags.StringLike) && has(nonNull, ts.TypeFlags.NumberLike) ? [] : [`${path}: string or integer in the shape, ${name} in the types`];
  if (kind.map !== undefined) return nonNull.flags & ts.TypeFlags.Object ? [] : [`${path}: an object in the shape, ${name} in the types`];
  if (kind.array !== undefined) {
    if (!checker.isArrayType(nonNull)) return [`${path}: a list in the shape, ${name} in the types`];
    return mismatches(checker.getTypeArguments(nonNull)[0], kind.array, `${path}[]`);
  }
  return fieldMismatches(nonNull, kind.object, path);
}

function fieldMismatches(type, fields, path) {
  const out = [];
  for (const [field, kind, required, nullable] of fields) {
    const at = path ? `${path}.${field}` : field;
    const property = type.getProperty(field);
    if (!property) {
      out.push(`${at}: in the shape, missing from the types`);
      continue;
    }
    const declared = checker.getTypeOfSymbol(property);
    const optional = Boolean(property.flags & ts.SymbolFlags.Optional) || has(declared, ts.TypeFlags.Undefined);
    const alwaysList = required && kind.array !== undefined;
    if (nullable && !alwaysList && kind !== "any" && !has(declared, ts.TypeFlags.Null)) out.push(`${at}: may be null in the shape, not in the types`);
    if (!required && !optional) out.push(`${at}: may be missing in the shape, required in the types`);
    out.push(...mismatches(declared, kind, at));
  }
  return out;
}

test("every answer type declares its shape's fields, no narrower than the shape", () => {
  const found = [];
  let checked = 0;
  for (const [method, { fields }] of Object.entries(answers)) {
    const member = instance.getProperty(method);
    assert.ok(member, `CustomerIo has no method ${method} in the types`);
    const [signature] = checker.getTypeOfSymbol(member).getCallSignatures();
    const answer = checker.getAwaitedType(signature.getReturnType());
    found.push(...fieldMismatches(answer, fields, method));
    checked += 1;
  }
  assert.ok(checked >= 30, `only ${checked} answers were checked`);
  assert.deepEqual(found, []);
});
