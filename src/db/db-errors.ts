/** Prisma's code for a unique-constraint violation, the same on SQLite and PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

interface UniqueViolationMeta {
  modelName?: unknown;
  driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } };
}

/**
 * True when `error` violates the unique constraint of `model` over exactly `fields`. The drivers name it differently:
 * SQLite lists the columns, PostgreSQL gives the index, which Prisma names `<Model>_<field>_…_key`.
 */
export function isUniqueViolationOf(error: unknown, model: string, fields: readonly string[]): boolean {
  if (!isUniqueViolation(error)) return false;
  const meta = ((error as { meta?: unknown }).meta ?? {}) as UniqueViolationMeta;
  if (meta.modelName !== model) return false;
  const constraint = meta.driverAdapterError?.cause?.constraint;
  const columns = constraint?.fields;
  if (Array.isArray(columns)) return columns.length === fields.length && fields.every((field) => columns.includes(field));
  return constraint?.index === `${model}_${fields.join('_')}_key`;
}
