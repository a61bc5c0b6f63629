import clsx from 'clsx';
import { Check, Minus } from 'lucide-react';
import { useState } from 'react';
import {
  abbreviateArray,
  base64ByteLength,
  decodeBase64,
  formatBytes,
  fullArrayText,
  hexDump,
  jsonPreview,
  localTimestamp,
  plainTimestamp,
  prettyJson,
  singleLine,
  sniffImage,
  utcTimestamp,
  valueKind,
} from './cell-format';

/** Muted italic, so that SQL NULL never looks like the string "NULL". */
export function NullValue({ className }: { className?: string }) {
  return (
    <span className={clsx('text-muted italic select-none', className)} data-null="">
      NULL
    </span>
  );
}

/**
 * The one-line, type-aware body of a cell: what fits in a grid cell. Long and structured
 * values are abbreviated here; `FullValue` shows them whole.
 */
export function CellValue({ value, type }: { value: unknown; type?: string }) {
  const kind = valueKind(value, type);
  switch (kind) {
    case 'null':
      return <NullValue />;
    case 'boolean':
      return value === true ? (
        <span className="inline-flex items-center align-middle text-success">
          <Check aria-hidden className="size-4" />
          <span className="sr-only">true</span>
        </span>
      ) : (
        <span className="inline-flex items-center align-middle text-muted">
          <Minus aria-hidden className="size-4" />
          <span className="sr-only">false</span>
        </span>
      );
    case 'number':
      return <span className="font-mono tabular-nums">{String(value)}</span>;
    case 'timestamptz': {
      const iso = value as string;
      const local = localTimestamp(iso);
      if (local === null) return <span className="font-mono">{iso}</span>;
      return (
        <time dateTime={iso} title={utcTimestamp(iso)} className="font-mono tabular-nums">
          {local}
        </time>
      );
    }
    case 'timestamp':
      return (
        <time
          dateTime={value as string}
          title="timestamp without time zone: shown as stored"
          className="font-mono tabular-nums"
        >
          {plainTimestamp(value as string)}
        </time>
      );
    case 'date':
      return (
        <time dateTime={value as string} className="font-mono tabular-nums">
          {value as string}
        </time>
      );
    case 'json':
      return <span className="font-mono text-fg/90">{jsonPreview(value)}</span>;
    case 'array':
      return <span className="font-mono text-fg/90">{abbreviateArray(value as unknown[])}</span>;
    case 'bytea':
      return (
        <span className="text-muted">
          [binary, {formatBytes(base64ByteLength(value as string))}]
        </span>
      );
    case 'text':
      return <span>{singleLine(typeof value === 'string' ? value : jsonPreview(value))}</span>;
  }
}

const BYTEA_DUMP_LIMIT = 4096;
const BYTEA_IMAGE_LIMIT = 4 * 1024 * 1024;

/** The whole value, laid out for reading: in a cell's popover and in the row detail. */
export function FullValue({ value, type }: { value: unknown; type?: string }) {
  const kind = valueKind(value, type);
  const pre = 'font-mono text-xs leading-relaxed whitespace-pre-wrap break-words text-fg';
  switch (kind) {
    case 'null':
      return <NullValue />;
    case 'boolean':
      return <span className="font-mono">{String(value)}</span>;
    case 'number':
      return <span className="font-mono tabular-nums">{String(value)}</span>;
    case 'timestamptz': {
      const iso = value as string;
      const local = localTimestamp(iso);
      return (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          {local !== null && (
            <>
              <dt className="text-muted">Local</dt>
              <dd className="font-mono tabular-nums">{local}</dd>
            </>
          )}
          <dt className="text-muted">UTC</dt>
          <dd className="font-mono tabular-nums">{local === null ? iso : utcTimestamp(iso)}</dd>
        </dl>
      );
    }
    case 'timestamp':
      return <span className="font-mono tabular-nums">{plainTimestamp(value as string)}</span>;
    case 'date':
      return <span className="font-mono tabular-nums">{value as string}</span>;
    case 'json':
      return <pre className={pre}>{prettyJson(value)}</pre>;
    case 'array': {
      const values = value as unknown[];
      return (
        <div className="space-y-1">
          <p className="text-xs text-muted">
            {values.length.toLocaleString('en-US')} {values.length === 1 ? 'value' : 'values'}
          </p>
          <pre className={pre}>{fullArrayText(values)}</pre>
        </div>
      );
    }
    case 'bytea':
      return <BinaryValue base64={value as string} />;
    case 'text':
      return <pre className={pre}>{typeof value === 'string' ? value : prettyJson(value)}</pre>;
  }
}

function BinaryValue({ base64 }: { base64: string }) {
  const size = base64ByteLength(base64);
  let head: Uint8Array;
  try {
    head = decodeBase64(base64, BYTEA_DUMP_LIMIT);
  } catch {
    return <span className="font-mono text-xs break-all">{base64}</span>;
  }
  const image = size <= BYTEA_IMAGE_LIMIT ? sniffImage(head) : null;
  return (
    <div className="space-y-2">
      <p className="text-xs text-muted">
        {formatBytes(size)}
        {image && ` · ${image}`}
        {size > BYTEA_DUMP_LIMIT && ` · first ${formatBytes(BYTEA_DUMP_LIMIT)} shown`}
      </p>
      {image && (
        <BinaryImage
          src={`data:${image};base64,${base64}`}
          alt={`${image}, ${formatBytes(size)}`}
        />
      )}
      <pre className="font-mono text-[11px] leading-snug whitespace-pre text-fg">
        {hexDump(head)}
      </pre>
    </div>
  );
}

/** A preview of image bytes; bytes that only start like an image show nothing. */
function BinaryImage({ src, alt }: { src: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <img
      src={src}
      alt={`Binary value: ${alt}`}
      className="max-h-48 max-w-full rounded border border-border"
      onError={() => setFailed(true)}
    />
  );
}
