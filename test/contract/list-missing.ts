import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputField,
  GraphQLNamedType,
  GraphQLSchema,
  astFromValue,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  print,
} from 'graphql';

/** One contract item that our schema lacks or has differently, named as pending.txt names it. */
export interface Gap {
  item: string;
  problem: string;
}

const kindOf = (t: GraphQLNamedType) =>
  isObjectType(t)
    ? 'an object type'
    : isInterfaceType(t)
      ? 'an interface'
      : isUnionType(t)
        ? 'a union'
        : isEnumType(t)
          ? 'an enum'
          : isInputObjectType(t)
            ? 'an input type'
            : 'a scalar';

function defaultOf(x: GraphQLArgument | GraphQLInputField): string | undefined {
  if (x.defaultValue === undefined) return undefined;
  const ast = astFromValue(x.defaultValue, x.type);
  return ast ? print(ast) : 'null';
}

const required = (x: GraphQLArgument | GraphQLInputField) => isNonNullType(x.type) && x.defaultValue === undefined;

/** Type, nullability and default of an argument or input field must match the contract exactly. */
function compareValue(item: string, theirs: GraphQLArgument | GraphQLInputField, ours: GraphQLArgument | GraphQLInputField | undefined, gaps: Gap[]): void {
  if (!ours) return void gaps.push({ item, problem: 'is missing' });
  if (String(ours.type) !== String(theirs.type)) gaps.push({ item, problem: `has type ${ours.type}, the contract says ${theirs.type}` });
  else if (defaultOf(ours) !== defaultOf(theirs))
    gaps.push({ item, problem: `defaults to ${defaultOf(ours) ?? 'nothing'}, the contract says ${defaultOf(theirs) ?? 'nothing'}` });
}

function compareField(typeName: string, theirs: GraphQLField<unknown, unknown>, ours: GraphQLField<unknown, unknown> | undefined, gaps: Gap[]): void {
  const item = `${typeName}.${theirs.name}`;
  if (!ours) return void gaps.push({ item, problem: 'is missing' });
  if (String(ours.type) !== String(theirs.type)) gaps.push({ item, problem: `has type ${ours.type}, the contract says ${theirs.type}` });
  for (const arg of theirs.args)
    compareValue(
      `${item}(${arg.name})`,
      arg,
      ours.args.find((a) => a.name === arg.name),
      gaps,
    );
  // Free: adding arguments, as long as callers written against the contract need not pass them.
  for (const extra of ours.args.filter((a) => required(a) && !theirs.args.some((t) => t.name === a.name))) {
    gaps.push({ item, problem: `requires argument ${extra.name}, which the contract does not have` });
  }
}

function compareType(theirs: GraphQLNamedType, ours: GraphQLNamedType | undefined, gaps: Gap[]): void {
  const name = theirs.name;
  if (!ours) return void gaps.push({ item: name, problem: 'is missing' });
  if (kindOf(ours) !== kindOf(theirs)) return void gaps.push({ item: name, problem: `is ${kindOf(ours)}, the contract has ${kindOf(theirs)}` });
  if ((isObjectType(theirs) || isInterfaceType(theirs)) && (isObjectType(ours) || isInterfaceType(ours))) {
    const fields = ours.getFields();
    for (const field of Object.values(theirs.getFields())) compareField(name, field, fields[field.name], gaps);
  } else if (isInputObjectType(theirs) && isInputObjectType(ours)) {
    const fields = ours.getFields();
    for (const field of Object.values(theirs.getFields())) compareValue(`${name}.${field.name}`, field, fields[field.name], gaps);
    for (const extra of Object.values(fields).filter((f) => required(f) && !theirs.getFields()[f.name])) {
      gaps.push({ item: name, problem: `requires field ${extra.name}, which the contract does not have` });
    }
  } else if (isEnumType(theirs) && isEnumType(ours)) {
    for (const value of theirs.getValues()) if (!ours.getValue(value.name)) gaps.push({ item: `${name}.${value.name}`, problem: 'is missing' });
  } else if (isUnionType(theirs) && isUnionType(ours)) {
    const members = new Set(ours.getTypes().map((t) => t.name));
    for (const t of theirs.getTypes()) if (!members.has(t.name)) gaps.push({ item: name, problem: `does not include ${t.name}` });
  }
}

/**
 * Every contract item our schema lacks or has differently. Granular as pending.txt: a missing type is one
 * item (`Type`), a missing field of an existing type is `Type.field`, then `Type.field(arg)`, `Enum.VALUE`.
 */
export function contractGaps(contract: GraphQLSchema, ours: GraphQLSchema): Gap[] {
  const gaps: Gap[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    compareType(type, ours.getType(type.name) ?? undefined, gaps);
  }
  return gaps;
}

/** pending.txt: one item a line; `#` starts a comment. */
export function parsePending(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** `Type.field(arg)` -> `Type.field` -> `Type`. */
export function parentOf(item: string): string | null {
  if (item.endsWith(')')) return item.slice(0, item.indexOf('('));
  return item.includes('.') ? item.slice(0, item.indexOf('.')) : null;
}

const coveredBy = (item: string, entries: Set<string>): boolean => {
  for (let p: string | null = item; p; p = parentOf(p)) if (entries.has(p)) return true;
  return false;
};

/**
 * The pending list after items were implemented: entries that exist now go; an entry that exists only in
 * part (a type now present with some fields still missing) is replaced by what is still missing of it.
 * Gaps no entry covers (regressions) are never added: the list only shrinks.
 */
export function prunedPending(pending: string[], gaps: Gap[]): string[] {
  const entries = new Set(pending);
  const missing = new Set(gaps.map((g) => g.item));
  const next = pending.filter((item) => missing.has(item));
  for (const { item } of gaps) if (!next.includes(item) && coveredBy(item, entries)) next.push(item);
  return [...new Set(next)];
}
