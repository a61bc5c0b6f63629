import { useQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { FileSpreadsheet, TriangleAlert, Upload } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useDropzone } from 'react-dropzone';
import { useNavigate } from 'react-router';
import { identifierProblem } from '../../../../contract/identifier';
import { DataGrid } from '../../../components/data-grid';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '../../../components/ui/dialog';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextField } from '../../../components/ui/input';
import { workspacePath } from '../../workspaces';
import { useCreateTableFromFile } from '../api/table-create-mutation';
import { tableListQueryOptions } from '../api/tables-query';
import { formatCount } from '../lib/format';
import {
  PREVIEW_BYTES,
  previewFile,
  tableNameFromFile,
  type ImportPreview,
} from '../lib/import-preview';

/** What the table page shows after an import: the service may need a moment to show every row. */
export interface ImportedState {
  imported: { file: string; rows: number };
}

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/tab-separated-values': ['.tsv'],
  'text/plain': ['.txt'],
  'application/json': ['.json'],
  'application/x-ndjson': ['.ndjson', '.jsonl'],
};

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function CreateTableDialog({
  orgId,
  workspaceId,
  open,
  onOpenChange,
}: {
  orgId: string;
  workspaceId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <DialogContent
          title="Create table from file"
          description="A CSV file (comma, semicolon, tab or pipe separated, with a header row) or a JSON file (an array of objects, or one object per line) becomes a table with typed columns."
          className="sm:max-w-4xl"
        >
          <CreateTableForm
            orgId={orgId}
            workspaceId={workspaceId}
            onDone={() => onOpenChange(false)}
          />
        </DialogContent>
      )}
    </Dialog>
  );
}

function CreateTableForm({
  orgId,
  workspaceId,
  onDone,
}: {
  orgId: string;
  workspaceId: string;
  onDone: () => void;
}) {
  const navigate = useNavigate();
  const tables = useQuery(tableListQueryOptions(orgId, workspaceId));
  const create = useCreateTableFromFile(orgId, workspaceId);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [progress, setProgress] = useState<{ loaded: number; total: number | null } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const progressId = useId();

  // Leaving the dialog stops an upload under way.
  useEffect(() => () => abort.current?.abort(), []);

  async function choose(chosen: File) {
    setFile(chosen);
    setName(tableNameFromFile(chosen.name));
    setTouched(false);
    setPreview(null);
    setPreviewError(null);
    create.reset();
    try {
      setPreview(await previewFile(chosen));
    } catch (error) {
      setPreviewError(
        `The file could not be read in the browser (${error instanceof Error ? error.message : String(error)}). You can still upload it: the server will say what it makes of it.`,
      );
    }
  }

  const dropzone = useDropzone({
    accept: ACCEPT,
    multiple: false,
    noClick: true,
    disabled: create.isPending,
    onDropAccepted: ([accepted]) => {
      if (accepted) void choose(accepted);
    },
  });
  const rejected = dropzone.fileRejections[0];

  const exists = tables.data?.some((table) => table.table_name === name) ?? false;
  const nameProblem = identifierProblem(name);
  const nameError = exists
    ? `A table named ${name} already exists in this workspace: pick another name, or drop that table first.`
    : nameProblem && (touched || create.isError)
      ? `The table name ${nameProblem}.`
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!file || nameProblem || exists || create.isPending) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ loaded: 0, total: file.size });
    create.mutate(
      {
        file,
        tableName: name,
        signal: controller.signal,
        onProgress: (loaded, total) => setProgress({ loaded, total }),
      },
      {
        onSuccess: (table) => {
          onDone();
          const state: ImportedState = { imported: { file: file.name, rows: table.row_count } };
          void navigate(workspacePath(workspaceId, 'tables', table.table_name), { state });
        },
        onSettled: () => setProgress(null),
      },
    );
  }

  const cancelled =
    create.error instanceof DOMException && create.error.name === 'AbortError'
      ? 'The upload was cancelled; nothing was created.'
      : null;
  const percent =
    progress && progress.total ? Math.round((progress.loaded / progress.total) * 100) : null;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div
        {...dropzone.getRootProps({
          className: clsx(
            'flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-6 py-6 text-center transition-colors',
            dropzone.isDragActive ? 'border-accent bg-accent/10' : 'border-border bg-raised/40',
          ),
        })}
      >
        <input {...dropzone.getInputProps({ 'aria-label': 'File to create the table from' })} />
        {file ? (
          <>
            <FileSpreadsheet aria-hidden className="size-6 text-accent" />
            <p className="text-sm">
              <span className="font-medium text-fg">{file.name}</span>{' '}
              <span className="text-muted">({formatBytes(file.size)})</span>
            </p>
          </>
        ) : (
          <>
            <Upload aria-hidden className="size-6 text-muted" />
            <p className="text-sm text-muted">
              {dropzone.isDragActive ? 'Drop the file here' : 'Drop a CSV or JSON file here'}
            </p>
          </>
        )}
        <Button size="sm" onClick={dropzone.open} disabled={create.isPending}>
          {file ? 'Choose another file' : 'Choose a file'}
        </Button>
      </div>
      {rejected && (
        <FormAlert>
          {rejected.file.name} cannot become a table: choose a .csv, .tsv, .txt, .json, .jsonl or
          .ndjson file.
        </FormAlert>
      )}

      {file && (
        <>
          <TextField
            label="Table name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => setTouched(true)}
            error={nameError}
            hint="Lower-case letters, digits, _ and -, starting with a letter."
            autoComplete="off"
            spellCheck={false}
            disabled={create.isPending}
          />
          {previewError && <FormAlert>{previewError}</FormAlert>}
          {preview && <PreviewSection preview={preview} fileSize={file.size} />}
        </>
      )}

      {progress && (
        <div className="space-y-1.5">
          <div className="flex justify-between text-sm">
            <span id={progressId}>
              {percent === 100 || (progress.total !== null && progress.loaded >= progress.total)
                ? 'Uploaded; creating the table…'
                : 'Uploading…'}
            </span>
            <span className="font-mono text-muted tabular-nums">
              {formatBytes(progress.loaded)}
              {progress.total !== null && ` of ${formatBytes(progress.total)}`}
            </span>
          </div>
          <div
            role="progressbar"
            aria-labelledby={progressId}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            className="h-2 overflow-hidden rounded-full bg-raised"
          >
            <div
              className={clsx(
                'h-full rounded-full bg-accent transition-[width]',
                percent === null && 'w-1/3 animate-pulse',
              )}
              style={percent === null ? undefined : { width: `${percent}%` }}
            />
          </div>
        </div>
      )}

      {create.isError && (
        <FormAlert>
          {cancelled ?? (
            <>
              <span className="font-medium">The table was not created.</span> {create.error.message}
            </>
          )}
        </FormAlert>
      )}

      <DialogFooter>
        {create.isPending ? (
          <Button onClick={() => abort.current?.abort()}>Cancel upload</Button>
        ) : (
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
        )}
        <Button type="submit" variant="primary" pending={create.isPending} disabled={!file}>
          Create table
        </Button>
      </DialogFooter>
    </form>
  );
}

function PreviewSection({ preview, fileSize }: { preview: ImportPreview; fileSize: number }) {
  const columns = preview.columns.map((name, i) => ({ name, type: preview.types[i] }));
  const format =
    preview.format === 'json'
      ? 'JSON'
      : `CSV, ${DELIMITER_NAMES[preview.delimiter ?? ','] ?? preview.delimiter} separated`;
  return (
    <section aria-label="Preview" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold">
          Preview: {format}, {preview.columns.length}{' '}
          {preview.columns.length === 1 ? 'column' : 'columns'}
        </h3>
        <p className="text-xs text-muted">
          {preview.wholeFile
            ? `Column types inferred from all ${formatCount(preview.sampledRows)} rows, as the server will.`
            : `Column types are a preview from the first ${formatBytes(PREVIEW_BYTES)} (${formatCount(preview.sampledRows)} rows) of ${formatBytes(fileSize)}: the server reads the whole file, so a value further down can still change a type (to text, say).`}
        </p>
      </div>
      {preview.problems.length > 0 && (
        <div
          role="alert"
          className="flex gap-2 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-fg"
        >
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          <div>
            <p className="font-medium">The server will refuse this file as it is:</p>
            <ul className="list-disc pl-5">
              {preview.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {columns.length > 0 && (
        <ul aria-label="Columns and their types" className="flex flex-wrap gap-1.5">
          {columns.map((column, i) => (
            <li key={i} className="rounded border border-border bg-raised/60 px-2 py-0.5 text-xs">
              <span className="font-medium">{column.name}</span>{' '}
              <span className="font-mono text-muted">{column.type}</span>
            </li>
          ))}
        </ul>
      )}
      {columns.length > 0 && (
        <div className="h-64">
          <DataGrid
            label={`First rows of the file, with the column types that will be created`}
            columns={columns}
            rows={preview.rows}
          />
        </div>
      )}
    </section>
  );
}
