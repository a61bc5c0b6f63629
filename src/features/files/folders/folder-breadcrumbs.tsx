import clsx from 'clsx';
import { ChevronRight, HardDrive } from 'lucide-react';
import { Link, type To } from 'react-router';
import { crumbsOf } from './folder-paths';
import { useFileDropTarget } from './file-drag';

export interface FolderBreadcrumbsProps {
  /** The folder shown. */
  folder: string;
  /** Where a crumb's link goes (the gallery's address with that folder). */
  hrefOf: (path: string) => To;
  /** Files dropped on a crumb move there; null for a viewer. */
  onDropFiles: ((ids: string[], folder: string) => void) | null;
}

/** `drive › photos › 2024`: each folder above the one shown is a link, and a place to drop files. */
export function FolderBreadcrumbs({ folder, hrefOf, onDropFiles }: FolderBreadcrumbsProps) {
  const crumbs = crumbsOf(folder);
  return (
    <nav aria-label="Folder path" className="min-w-0">
      <ol className="flex flex-wrap items-center gap-0.5 text-sm">
        {crumbs.map((crumb, index) => {
          const current = index === crumbs.length - 1;
          return (
            <li key={crumb.path} className="flex min-w-0 items-center gap-0.5">
              {index > 0 && <ChevronRight aria-hidden className="size-4 shrink-0 text-muted" />}
              <Crumb
                path={crumb.path}
                name={crumb.name}
                first={index === 0}
                current={current}
                to={hrefOf(crumb.path)}
                // Dropping into the folder the files are in already would do nothing.
                onDropFiles={current ? null : onDropFiles}
              />
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function Crumb({
  path,
  name,
  first,
  current,
  to,
  onDropFiles,
}: {
  path: string;
  name: string;
  first: boolean;
  current: boolean;
  to: To;
  onDropFiles: FolderBreadcrumbsProps['onDropFiles'];
}) {
  const drop = useFileDropTarget(onDropFiles && ((ids) => onDropFiles(ids, path)));
  return (
    <Link
      to={to}
      aria-current={current ? 'page' : undefined}
      title={path}
      {...drop.props}
      className={clsx(
        'flex max-w-[16rem] items-center gap-1.5 truncate rounded px-1.5 py-1',
        'focus-visible:outline-2 focus-visible:outline-accent',
        current ? 'font-semibold text-fg' : 'text-muted hover:bg-raised hover:text-fg',
        drop.over && 'bg-accent/15 text-fg ring-2 ring-accent',
      )}
    >
      {first && <HardDrive aria-hidden className="size-4 shrink-0" />}
      <span className="truncate">{name}</span>
    </Link>
  );
}
