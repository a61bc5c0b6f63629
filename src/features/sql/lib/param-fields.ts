import type { ParameterScan, ParamType } from './parameters';
import { PARAM_TYPES, type ParamSettings } from './saved-state';

/** One parameter input as the screen shows it: the statement's guess, overridden by hand. */
export interface ParamField {
  number: number;
  /** The type the value is converted with. */
  type: ParamType;
  /** What the statement suggests (a cast, LIMIT/OFFSET), or text. */
  guessed: ParamType;
  /** The cast the guess came from, as written (`jsonb`, `float4[]`). */
  cast: string | null;
  /** The type was picked by hand, not guessed. */
  chosen: boolean;
  value: string;
  /** False for a number below the highest that the statement skips (`$1, $3` skips $2). */
  used: boolean;
}

export const PARAM_TYPE_LABELS: Record<ParamType, string> = {
  text: 'Text',
  number: 'Number',
  boolean: 'Boolean',
  json: 'JSON',
  null: 'NULL',
  array: 'Array / vector',
};

/** The inputs $1 … $max for a scan, with the values and hand-picked types kept in `settings`. */
export function paramFields(scan: ParameterScan, settings: ParamSettings): ParamField[] {
  const byNumber = new Map(scan.params.map((info) => [info.number, info]));
  const fields: ParamField[] = [];
  for (let number = 1; number <= scan.max; number++) {
    const info = byNumber.get(number);
    const setting = settings[number];
    // A skipped number has no context: Postgres cannot type it, so NULL is the one safe value.
    const guessed: ParamType = info?.type ?? 'null';
    const chosen = setting?.typeChosen === true;
    fields.push({
      number,
      type: chosen ? setting!.type : guessed,
      guessed,
      cast: info?.cast ?? null,
      chosen,
      value: setting?.value ?? '',
      used: info !== undefined,
    });
  }
  return fields;
}

/** The type choices of a parameter input. */
export const TYPE_OPTIONS = PARAM_TYPES.map((type) => ({
  value: type,
  label: PARAM_TYPE_LABELS[type],
}));

/** Where a guessed type came from, said briefly. */
export function typeHint(field: ParamField): string {
  if (!field.used) return 'not used in the SQL';
  if (field.chosen && field.type !== field.guessed) {
    return `chosen (the SQL suggests ${PARAM_TYPE_LABELS[field.guessed].toLowerCase()})`;
  }
  if (field.cast) return `from ::${field.cast}`;
  return field.guessed === 'number' ? 'from LIMIT/OFFSET' : '';
}
