import clsx from 'clsx';
import { memo, useEffect, useRef, type ChangeEvent, type DragEvent } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { FILE_KIND_LABELS, fileKind, mediaTypeEssence } from '../lib/file-kind';
import { formatBytes, formatDateTime } from '../lib/format';
import { thumbnailWidthFor } from '../lib/thumbnail-width';
import { FileActionsMenu, type FileActions } from './file-actions-menu';
import { FileThumbnail } from './file-thumbnail';
import type { Selection } from './selection';

export interface FileCollectionProps {
  orgId: string;
  workspaceId: string;
  files: readonly FileInfo[];
  /** Names the collection for assistive technology ("Files of Photos, page 2"). */
  label: string;
  selection: Selection;
  /** A checkbox was clicked: `range` when Shift was held. */
  onToggle: (index: number, range: boolean) => void;
  onTogglePage: () => void;
  actions: FileActions;
  /** Files can be dragged (onto folders): this starts a drag of one. */
  onDragFile?: ((file: FileInfo, event: DragEvent<HTMLElement>) => void) | undefined;
}

/** Whether a checkbox change came from a click with Shift held (React reports clicks here). */
const withShift = (event: ChangeEvent<HTMLInputElement>) =>
  'shiftKey' in event.nativeEvent && (event.nativeEvent as MouseEvent).shiftKey;

const checkboxClasses = 'size-4 cursor-pointer accent-accent';

function typeLabel(file: FileInfo) {
  const kind = fileKind(file.content_type);
  return kind === 'other' || kind === 'archive'
    ? mediaTypeEssence(file.content_type)
    : FILE_KIND_LABELS[kind];
}

/** The select-all checkbox of a page: checked, unchecked, or mixed when some are selected. */
function PageCheckbox({
  files,
  selection,
  onTogglePage,
  className,
}: Pick<FileCollectionProps, 'files' | 'selection' | 'onTogglePage'> & { className?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const selected = files.filter((file) => selection.ids.has(file.id)).length;
  const all = files.length > 0 && selected === files.length;
  const some = selected > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all on this page"
      className={clsx(checkboxClasses, className)}
      checked={all}
      onChange={onTogglePage}
    />
  );
}

const TILE_CSS_PIXELS = 224;

interface ItemProps {
  orgId: string;
  workspaceId: string;
  file: FileInfo;
  index: number;
  selected: boolean;
  /** Some file is selected: every checkbox shows. */
  selecting: boolean;
  thumbnailWidth: number;
  onToggle: FileCollectionProps['onToggle'];
  actions: FileActions;
  onDragFile: FileCollectionProps['onDragFile'];
}

// Memoized: selecting one file, or a thumbnail arriving, renders that tile alone.
const GridTile = memo(function GridTile({
  orgId,
  workspaceId,
  file,
  index,
  selected,
  selecting,
  thumbnailWidth,
  onToggle,
  actions,
  onDragFile,
}: ItemProps) {
  return (
    <li
      draggable={onDragFile !== undefined}
      onDragStart={onDragFile && ((event) => onDragFile(file, event))}
      className={clsx(
        'group relative overflow-hidden rounded-lg border bg-surface shadow-sm',
        selected ? 'border-accent ring-2 ring-accent' : 'border-border',
      )}
    >
      <button
        type="button"
        aria-label={`Open ${file.filename}`}
        onClick={() => actions.preview(file)}
        className="block w-full focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent"
      >
        <FileThumbnail
          orgId={orgId}
          workspaceId={workspaceId}
          file={file}
          width={thumbnailWidth}
          className="aspect-[4/3] w-full"
        />
      </button>
      <span
        className={clsx(
          'absolute top-2 left-2 flex rounded bg-surface/90 p-1 shadow-sm transition-opacity',
          selecting || selected
            ? 'opacity-100'
            : 'opacity-0 group-hover:opacity-100 focus-within:opacity-100',
        )}
      >
        <input
          type="checkbox"
          aria-label={`Select ${file.filename}`}
          className={checkboxClasses}
          checked={selected}
          onChange={(event) => onToggle(index, withShift(event))}
        />
      </span>
      <div className="flex items-start gap-1 p-2 pl-3">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-fg" title={file.filename}>
            {file.filename}
          </p>
          <p className="truncate text-xs text-muted">
            {formatBytes(file.size)} · {typeLabel(file)}
          </p>
        </div>
        <FileActionsMenu file={file} actions={actions} className="-mr-1" />
      </div>
    </li>
  );
});

/** Files as a grid of thumbnails. */
export function FileGrid(props: FileCollectionProps) {
  const { orgId, workspaceId, files, label, selection, onToggle, actions, onDragFile } = props;
  const selecting = selection.ids.size > 0;
  const width = thumbnailWidthFor(TILE_CSS_PIXELS);
  return (
    <div className="space-y-2">
      <label className="inline-flex items-center gap-2 text-sm text-muted">
        <PageCheckbox {...props} />
        Select all on this page
      </label>
      <ul
        aria-label={label}
        className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-3 sm:grid-cols-[repeat(auto-fill,minmax(12rem,1fr))]"
      >
        {files.map((file, index) => (
          <GridTile
            key={file.id}
            orgId={orgId}
            workspaceId={workspaceId}
            file={file}
            index={index}
            selected={selection.ids.has(file.id)}
            selecting={selecting}
            thumbnailWidth={width}
            onToggle={onToggle}
            actions={actions}
            onDragFile={onDragFile}
          />
        ))}
      </ul>
    </div>
  );
}

const ROW_THUMBNAIL_CSS_PIXELS = 40;

const ListRow = memo(function ListRow({
  orgId,
  workspaceId,
  file,
  index,
  selected,
  thumbnailWidth,
  onToggle,
  actions,
  onDragFile,
}: ItemProps) {
  return (
    <Tr
      className={clsx(selected && 'bg-accent/5')}
      draggable={onDragFile !== undefined}
      onDragStart={onDragFile && ((event) => onDragFile(file, event))}
    >
      <Td>
        <input
          type="checkbox"
          aria-label={`Select ${file.filename}`}
          className={checkboxClasses}
          checked={selected}
          onChange={(event) => onToggle(index, withShift(event))}
        />
      </Td>
      <Td className="w-1/2 max-w-0">
        <button
          type="button"
          onClick={() => actions.preview(file)}
          className="flex w-full min-w-0 items-center gap-3 rounded text-left font-medium text-fg hover:text-accent focus-visible:outline-2 focus-visible:outline-accent"
        >
          <FileThumbnail
            orgId={orgId}
            workspaceId={workspaceId}
            file={file}
            width={thumbnailWidth}
            iconClassName="size-5"
            className="size-10 shrink-0 rounded"
          />
          <span className="truncate" title={file.filename}>
            {file.filename}
          </span>
        </button>
      </Td>
      <Td className="whitespace-nowrap text-muted">{typeLabel(file)}</Td>
      <Td className="text-right whitespace-nowrap text-muted tabular-nums">
        {formatBytes(file.size)}
      </Td>
      <Td className="whitespace-nowrap text-muted">
        <time dateTime={file.created_at}>{formatDateTime(file.created_at)}</time>
      </Td>
      <Td>
        <FileActionsMenu file={file} actions={actions} />
      </Td>
    </Tr>
  );
});

/** Files as a table: name, type, size and date. */
export function FileList(props: FileCollectionProps) {
  const { orgId, workspaceId, files, label, selection, onToggle, actions, onDragFile } = props;
  const width = thumbnailWidthFor(ROW_THUMBNAIL_CSS_PIXELS);
  const selecting = selection.ids.size > 0;
  return (
    <Table caption={label}>
      <thead>
        <tr>
          <Th className="w-10">
            <PageCheckbox {...props} />
          </Th>
          <Th>Name</Th>
          <Th>Type</Th>
          <Th className="text-right">Size</Th>
          <Th>Uploaded</Th>
          <Th className="w-12">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {files.map((file, index) => (
          <ListRow
            key={file.id}
            orgId={orgId}
            workspaceId={workspaceId}
            file={file}
            index={index}
            selected={selection.ids.has(file.id)}
            selecting={selecting}
            thumbnailWidth={width}
            onToggle={onToggle}
            actions={actions}
            onDragFile={onDragFile}
          />
        ))}
      </tbody>
    </Table>
  );
}
