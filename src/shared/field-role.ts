import type { Field, FieldRole } from '../schemas/field.ts';

/**
 * A field's role (see `fieldRoles` in src/schemas/field.ts): the declared one, or one inferred
 * from the type, the name and the unit when the metadata leaves it out. Inference errs towards
 * roles that are never charted: a chart of something that is not a quantity misleads, a missing
 * chart does not. Null for dates, times and durations, which are charted by their own rules.
 */

const COORDINATE_NAME = /^(lat|latitude|lon|lng|long|longitude|x|y|easting|northing|x_coord|y_coord)$/i;
const HOUSE_NUMBER_NAME = /(^|_)(house|street|civic|building|address)_?(number|no|num)$|^block(_number)?$/i;
const IDENTIFIER_NAME = /(^|_)(id|uuid|number|no|num)$/i;
const CODE_NAME = /(^|_)(code|zip|zipcode|postcode|ward|district|route)$/i;

export function fieldRole(field: Pick<Field, 'name' | 'type' | 'unit' | 'role'>, primaryKey: readonly string[] = []): FieldRole | null {
  if (field.role) return field.role;
  switch (field.type) {
    case 'date':
    case 'datetime':
    case 'time':
    case 'duration':
      return null;
    case 'boolean':
      return 'category';
  }
  if (COORDINATE_NAME.test(field.name) || field.unit === 'degrees') return 'coordinate';
  if (HOUSE_NUMBER_NAME.test(field.name)) return 'house-number';
  if ((primaryKey.length === 1 && primaryKey[0] === field.name) || IDENTIFIER_NAME.test(field.name)) return 'identifier';
  if (CODE_NAME.test(field.name)) return 'code';
  return field.type === 'string' ? 'category' : 'measure';
}
