import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readPlan } from '../lib/explain';
import { RunPanel } from './run-panel';

const analyzed = readPlan([
  {
    Plan: {
      'Node Type': 'Sort',
      'Sort Key': ['title'],
      'Total Cost': 20,
      'Plan Rows': 50,
      'Actual Total Time': 4,
      'Actual Rows': 40,
      'Actual Loops': 1,
      Plans: [
        {
          'Node Type': 'Index Scan',
          'Relation Name': 'docs',
          Alias: 'd',
          'Index Name': 'docs_title_idx',
          'Total Cost': 15,
          'Plan Rows': 50,
          'Actual Total Time': 3,
          'Actual Rows': 40,
          'Actual Loops': 1,
        },
      ],
    },
    'Planning Time': 0.1,
    'Execution Time': 4.2,
  },
])!;

const sent = { text: 'SELECT * FROM docs d ORDER BY title', start: 0, script: '' };

describe('the plan', () => {
  it('shows each node with its relation, index, rows, time and share, the most expensive marked', () => {
    render(
      <RunPanel
        state={{
          status: 'explain',
          plan: analyzed,
          sent,
          analyze: true,
          rolledBack: true,
          elapsedMs: 12,
        }}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Plan, as it ran · planning 0.10 ms · execution 4.20 ms · 12 ms in all',
    );
    expect(screen.getByText(/rolled back: nothing it changed was kept/)).toBeInTheDocument();
    const tree = screen.getByRole('list', { name: 'Query plan' });
    const sort = within(tree).getByRole('listitem', { name: 'Sort' });
    const scan = within(sort).getByRole('listitem', { name: 'Index Scan' });
    expect(scan).toHaveTextContent('on docs as d');
    expect(scan).toHaveTextContent('using index docs_title_idx');
    expect(scan).toHaveTextContent('50 rows estimated · 40 actual · 3.00 ms · cost 15.00');
    expect(scan).toHaveTextContent('75% of time');
    expect(scan).toHaveTextContent('most expensive');
    expect(sort).toHaveTextContent('Sort Key: title');
    expect(within(sort).getAllByText('most expensive')).toHaveLength(1);
  });

  it('warns when a server did not say it rolled an Explain analyze back', () => {
    render(
      <RunPanel
        state={{
          status: 'explain',
          plan: analyzed,
          sent,
          analyze: true,
          rolledBack: false,
          elapsedMs: 12,
        }}
      />,
    );
    expect(screen.getByText(/did not say it rolled the statement back/)).toBeInTheDocument();
  });
});
