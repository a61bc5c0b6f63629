import type { CellError } from '../lib/batch';
import type { ParamField } from '../lib/param-fields';
import type { ParameterScan } from '../lib/parameters';
import type { BatchState } from '../lib/saved-state';
import type { ParamChange } from '../state/tab-edits';
import { BatchPanel } from './batch-panel';
import { ParamInputs } from './param-inputs';

/**
 * What the tab's parameters need under the editor: an input per `$n`, or in batch mode a grid
 * of rows; with a word when batch mode has nothing to fill or a parameter is misnumbered.
 */
export function ParamArea({
  scan,
  fields,
  batch,
  cellError,
  paramNames,
  onParamChange,
  onBatchChange,
}: {
  scan: ParameterScan;
  fields: ParamField[];
  batch: BatchState;
  cellError: CellError | null;
  /** Column names the SQL gives its parameters, to match imported files' headers. */
  paramNames: ReadonlyMap<number, string>;
  onParamChange: (number: number, change: ParamChange) => void;
  onBatchChange: (change: Partial<BatchState>) => void;
}) {
  return (
    <>
      {scan.max > 0 &&
        (batch.enabled ? (
          <BatchPanel
            fields={fields}
            rows={batch.rows}
            emptyIsNull={batch.emptyIsNull}
            notKept={batch.notKept}
            cellError={cellError}
            paramNames={paramNames}
            onRowsChange={(rows) => onBatchChange({ rows })}
            onParamChange={onParamChange}
            onEmptyIsNullChange={(emptyIsNull) => onBatchChange({ emptyIsNull })}
          />
        ) : (
          <ParamInputs fields={fields} onChange={onParamChange} />
        ))}
      {scan.max === 0 && batch.enabled && (
        <p className="text-sm text-muted">
          Batch mode sends one row of values per run of the statement: use parameters{' '}
          <code className="font-mono">$1</code>, <code className="font-mono">$2</code> … in the SQL
          to get a grid of rows here.
        </p>
      )}
      {scan.invalid.length > 0 && (
        <p className="text-sm text-danger">
          {scan.invalid.join(', ')}: parameters are numbered from $1 to $65535.
        </p>
      )}
    </>
  );
}
