import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { paramFields } from '../lib/param-fields';
import { findParameters } from '../lib/parameters';
import type { ParamSettings } from '../lib/saved-state';
import type { ParamChange } from '../state/tab-edits';
import { ParamInputs } from './param-inputs';

function Harness({
  sql,
  onChange,
}: {
  sql: string;
  onChange?: (n: number, c: ParamChange) => void;
}) {
  const [settings, setSettings] = useState<ParamSettings>({});
  const fields = paramFields(findParameters(sql), settings);
  return (
    <ParamInputs
      fields={fields}
      onChange={(number, change) => {
        onChange?.(number, change);
        setSettings((current) => {
          const previous = current[number] ?? {
            type: fields[number - 1]!.guessed,
            value: '',
            typeChosen: false,
          };
          return {
            ...current,
            [number]: {
              value: change.value ?? previous.value,
              type: change.type ?? (change.resetType ? fields[number - 1]!.guessed : previous.type),
              typeChosen:
                change.type !== undefined ? true : change.resetType ? false : previous.typeChosen,
            },
          };
        });
      }}
    />
  );
}

describe('ParamInputs', () => {
  it('shows one labelled input per parameter with the type guessed from its cast', () => {
    render(<Harness sql="SELECT $1::jsonb, $2::float4[], $3 LIMIT $4" />);
    expect(screen.getByRole('group', { name: 'Parameters' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Type of $1' })).toHaveTextContent('JSON');
    expect(screen.getByRole('combobox', { name: 'Type of $2' })).toHaveTextContent(
      'Array / vector',
    );
    expect(screen.getByRole('combobox', { name: 'Type of $3' })).toHaveTextContent('Text');
    expect(screen.getByRole('combobox', { name: 'Type of $4' })).toHaveTextContent('Number');
    expect(screen.getByText('from ::float4[]')).toBeInTheDocument();
    expect(screen.getByText('from LIMIT/OFFSET')).toBeInTheDocument();
  });

  it('checks values as they are typed and says what is wrong', async () => {
    const user = userEvent.setup();
    render(<Harness sql="SELECT $1::int, $2::jsonb" />);
    const number = screen.getByRole('textbox', { name: 'Value of $1' });
    await user.type(number, '12x');
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(number).toHaveAccessibleDescription('not a number: 12x');
    await user.clear(number);
    await user.type(number, '12');
    expect(number).not.toHaveAttribute('aria-invalid');

    const json = screen.getByRole('textbox', { name: 'Value of $2' });
    await user.type(json, '{{"a": ');
    expect(json).toHaveAccessibleDescription(/^invalid JSON/);
  });

  it('lets the type be changed by hand, and back to the suggestion', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness sql="SELECT $1::int" onChange={onChange} />);
    await user.click(screen.getByRole('combobox', { name: 'Type of $1' }));
    await user.click(screen.getByRole('option', { name: 'NULL' }));
    expect(onChange).toHaveBeenLastCalledWith(1, { type: 'null' });
    expect(screen.getByRole('textbox', { name: 'Value of $1' })).toBeDisabled();
    expect(screen.getByText('chosen (the SQL suggests number)')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Use the suggested type for $1' }));
    expect(screen.getByRole('combobox', { name: 'Type of $1' })).toHaveTextContent('Number');
  });

  it('offers an input for a skipped number, as the server wants a value for it', () => {
    render(<Harness sql="SELECT $1, $3" />);
    expect(screen.getByRole('textbox', { name: 'Value of $2' })).toBeDisabled();
    expect(screen.getByText('not used in the SQL')).toBeInTheDocument();
  });
});
