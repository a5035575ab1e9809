import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

const cache = new WeakMap<object, Map<string, string>>();

/**
 * `a.column AS "property", ...` for every column of an entity, from TypeORM's metadata (the entity is the one
 * description of its table, migrations aside). Columns mapped with `select: false` and those named in `omit`
 * are left out. Raw rows read with it have the entity's property names; dates and numbers as the driver gives them.
 */
export function selectList<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  alias: string,
  omit: readonly (keyof E & string)[] = [],
): string {
  const metadata = dataSource.getMetadata(entity);
  let byKey = cache.get(metadata);
  if (!byKey) cache.set(metadata, (byKey = new Map()));
  const key = `${alias}|${omit.join(',')}`;
  let list = byKey.get(key);
  if (list === undefined) {
    list = metadata.columns
      .filter((c) => c.isSelect && !omit.includes(c.propertyName as keyof E & string))
      .map((c) => (c.databaseName === c.propertyName ? `${alias}."${c.databaseName}"` : `${alias}."${c.databaseName}" AS "${c.propertyName}"`))
      .join(', ');
    byKey.set(key, list);
  }
  return list;
}
