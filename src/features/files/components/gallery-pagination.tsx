import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { PAGE_SIZES, type PageSize } from './files-url-state';

const numberFormat = new Intl.NumberFormat();

/** Where the page is among all files, and the way to the others. */
export function GalleryPagination({
  page,
  size,
  total,
  onPage,
  onSize,
}: {
  page: number;
  size: PageSize;
  total: number;
  onPage: (page: number) => void;
  onSize: (size: PageSize) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted"
    >
      <p aria-live="polite">
        {total === 0
          ? 'No files'
          : `${numberFormat.format(first)}–${numberFormat.format(last)} of ${numberFormat.format(total)} files`}
      </p>
      <div className="flex items-center gap-2">
        <span aria-hidden>Per page</span>
        <div className="w-20">
          <Select
            aria-label="Files per page"
            size="sm"
            value={String(size)}
            options={PAGE_SIZES.map((option) => ({ value: String(option), label: String(option) }))}
            onValueChange={(value) => onSize(Number(value) as PageSize)}
          />
        </div>
        <Button
          size="sm"
          aria-label="Previous page"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          <ChevronLeft aria-hidden className="size-4" />
        </Button>
        <span className="tabular-nums">
          Page {numberFormat.format(Math.min(page, pages))} of {numberFormat.format(pages)}
        </span>
        <Button
          size="sm"
          aria-label="Next page"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          <ChevronRight aria-hidden className="size-4" />
        </Button>
      </div>
    </nav>
  );
}
