import { RotateCcw } from 'lucide-react';
import { useId } from 'react';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { TYPE_OPTIONS, typeHint, type ParamField } from '../lib/param-fields';
import type { ParamType } from '../lib/parameters';
import { toParamValue } from '../lib/param-values';
import type { ParamChange } from '../state/tab-edits';

const PLACEHOLDERS: Record<ParamType, string> = {
  text: 'text, sent as typed',
  number: '42 or 3.14',
  boolean: 'true or false',
  json: '{"key": "value"}',
  null: 'NULL',
  array: '[0.1, 0.2, 0.3]',
};

/**
 * One input per parameter `$1 … $n` with its type, guessed from the SQL and changeable. Values
 * are checked as typed, with the reason shown under the input.
 */
export function ParamInputs({
  fields,
  onChange,
}: {
  fields: readonly ParamField[];
  onChange: (number: number, change: ParamChange) => void;
}) {
  return (
    <div role="group" aria-label="Parameters" className="space-y-2">
      {fields.map((field) => (
        <ParamRow key={field.number} field={field} onChange={onChange} />
      ))}
    </div>
  );
}

function ParamRow({
  field,
  onChange,
}: {
  field: ParamField;
  onChange: (number: number, change: ParamChange) => void;
}) {
  const id = useId();
  const name = `$${field.number}`;
  const checked = field.type === 'null' ? null : toParamValue(field.value, field.type);
  const error = checked !== null && 'error' in checked ? checked.error : null;
  const hint = typeHint(field);
  return (
    <div className="grid grid-cols-[3rem_10rem_minmax(0,1fr)] items-start gap-2">
      <label htmlFor={`${id}-value`} className="pt-2 font-mono text-sm font-semibold text-fg">
        {name}
      </label>
      <div>
        <Select
          size="md"
          aria-label={`Type of ${name}`}
          value={field.type}
          options={TYPE_OPTIONS}
          onValueChange={(type) => onChange(field.number, { type: type as ParamType })}
        />
        {hint && (
          <p className="mt-1 flex items-center gap-1 text-xs text-muted">
            <span className="truncate">{hint}</span>
            {field.chosen && field.type !== field.guessed && (
              <button
                type="button"
                className="rounded p-0.5 hover:bg-raised hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
                aria-label={`Use the suggested type for ${name}`}
                title="Use the suggested type"
                onClick={() => onChange(field.number, { resetType: true })}
              >
                <RotateCcw aria-hidden className="size-3" />
              </button>
            )}
          </p>
        )}
      </div>
      <div>
        <Input
          id={`${id}-value`}
          aria-label={`Value of ${name}`}
          className="font-mono"
          value={field.type === 'null' ? '' : field.value}
          disabled={field.type === 'null'}
          placeholder={PLACEHOLDERS[field.type]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange(field.number, { value: event.target.value })}
        />
        {error && (
          <p id={`${id}-error`} className="mt-1 text-xs text-danger">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
