import type { ReactNode, Ref } from 'react';
import { identifierProblem } from '../../contract/identifier';
import { TextField } from './ui/input';

export interface IdentifierFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** After a submit attempt, an empty value is reported too, not only a wrong one. */
  showRequired: boolean;
  hint: ReactNode;
  label?: string;
  /**
   * The rule the id follows: workspace and table ids by default (they become Postgres names),
   * `organizationIdProblem` for organization ids (which may be UUIDs).
   */
  problemOf?: (value: string) => string | null;
  ref?: Ref<HTMLInputElement>;
}

/**
 * An organization, workspace or table id, checked as it is typed with the same rule the server
 * applies, so the user sees which rule fails before submitting.
 */
export function IdentifierField({
  value,
  onChange,
  showRequired,
  hint,
  label = 'ID',
  problemOf = identifierProblem,
  ref,
}: IdentifierFieldProps) {
  const problem = problemOf(value);
  const visibleProblem = problem && (value !== '' || showRequired) ? `${label} ${problem}` : null;
  return (
    <TextField
      ref={ref}
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={visibleProblem}
      hint={hint}
      autoComplete="off"
      autoCapitalize="off"
      spellCheck={false}
      className="[&_input]:font-mono"
    />
  );
}
