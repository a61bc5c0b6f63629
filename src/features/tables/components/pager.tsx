import { ChevronLeft, ChevronRight, ChevronsLeft, Loader2 } from 'lucide-react';
import { useId } from 'react';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { formatCount } from '../lib/format';
import { PAGE_SIZES } from '../lib/view-state';

/**
 * Where the page is and how to move: rows shown, of how many (when known without counting),
 * rows per page, first / previous / next. "Next" is there when the page came back full.
 */
export function Pager({
  page,
  pageSize,
  rowsOnPage,
  hasNext,
  total,
  totalIsEstimate,
  loading,
  onPageChange,
  onPageSizeChange,
}: {
  page: number;
  pageSize: number;
  rowsOnPage: number;
  hasNext: boolean;
  /** Rows in the table, when they are all the rows the view shows (no filters). */
  total: number | null;
  totalIsEstimate: boolean;
  loading: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const sizeId = useId();
  const first = (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + rowsOnPage;
  const sizes: readonly number[] = PAGE_SIZES.includes(pageSize as (typeof PAGE_SIZES)[number])
    ? PAGE_SIZES
    : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);

  let range: string;
  if (rowsOnPage === 0) range = page > 1 ? `No rows on page ${page}` : 'No rows';
  else range = `Rows ${formatCount(first)}–${formatCount(last)}`;
  // A page that is not full is the last one: the total is then known exactly.
  const exactTotal = !hasNext && rowsOnPage > 0 ? last : null;
  const of =
    exactTotal !== null
      ? ` of ${formatCount(exactTotal)}`
      : total !== null
        ? ` of ${totalIsEstimate ? '≈ ' : ''}${formatCount(Math.max(total, last))}`
        : '';

  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="whitespace-nowrap text-muted">
          Rows per page
        </label>
        <Select
          id={sizeId}
          size="sm"
          className="w-24"
          value={String(pageSize)}
          options={sizes.map((size) => ({ value: String(size), label: formatCount(size) }))}
          onValueChange={(value) => onPageSizeChange(Number(value))}
        />
      </div>
      <div className="flex items-center gap-3">
        <p aria-live="polite" className="flex items-center gap-2 text-muted tabular-nums">
          {loading && <Loader2 aria-hidden className="size-4 animate-spin" />}
          <span>
            {range}
            {of}
            {loading && <span className="sr-only"> (loading)</span>}
          </span>
        </p>
        <div className="flex items-center gap-1">
          <Button
            size="sm"
            variant="ghost"
            aria-label="First page"
            title="First page"
            disabled={page === 1}
            onClick={() => onPageChange(1)}
          >
            <ChevronsLeft aria-hidden className="size-4" />
          </Button>
          <Button
            size="sm"
            disabled={page === 1}
            onClick={() => onPageChange(page - 1)}
            aria-label="Previous page"
          >
            <ChevronLeft aria-hidden className="size-4" />
            Previous
          </Button>
          <span className="px-2 text-muted tabular-nums" aria-current="page">
            Page {formatCount(page)}
          </span>
          <Button
            size="sm"
            disabled={!hasNext}
            onClick={() => onPageChange(page + 1)}
            aria-label="Next page"
          >
            Next
            <ChevronRight aria-hidden className="size-4" />
          </Button>
        </div>
      </div>
    </nav>
  );
}
