import type { GridSort } from '../../../components/data-grid';
import { workspacePath } from '../../workspaces';
import { isFilterOperator, takesValue, type ColumnFilter } from './table-query';

/**
 * What a table page shows lives in its URL, so that a view can be shared and survives reloads:
 *
 *   ?view=schema                       the schema tab (the data tab is the default)
 *   ?page=3&size=250                   1-based page, rows per page (50–1,000)
 *   ?sort=created_at.desc              column, then `.asc` or `.desc` after the last dot
 *   ?f.eq.status=active                one filter per parameter: `f.<operator>.<column>=<value>`
 *   ?f.contains.title=deep&f.null.deleted_at=
 *
 * Column names may hold any character (dots too): the operator never does, so it ends at the
 * first dot after `f.`. Anything unreadable falls back to the default rather than failing.
 */

export type TableTab = 'data' | 'schema';

export interface TableViewState {
  tab: TableTab;
  page: number;
  pageSize: number;
  sort: GridSort | null;
  filters: ColumnFilter[];
}

export const PAGE_SIZES = [50, 100, 250, 500, 1000] as const;
export const DEFAULT_PAGE_SIZE = 100;
const MIN_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const MAX_PAGE = 1_000_000_000;

export const DEFAULT_VIEW: TableViewState = {
  tab: 'data',
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sort: null,
  filters: [],
};

function positiveInteger(text: string | null, max: number): number | null {
  if (text === null || !/^\d{1,10}$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 && value <= max ? value : null;
}

export function parseSort(text: string | null): GridSort | null {
  if (!text) return null;
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return null;
  const direction = text.slice(dot + 1);
  if (direction !== 'asc' && direction !== 'desc') return null;
  return { column: text.slice(0, dot), direction };
}

export function parseViewState(search: URLSearchParams): TableViewState {
  const size = positiveInteger(search.get('size'), MAX_PAGE_SIZE);
  const filters: ColumnFilter[] = [];
  for (const [key, value] of search) {
    if (!key.startsWith('f.')) continue;
    const dot = key.indexOf('.', 2);
    if (dot === -1) continue;
    const op = key.slice(2, dot);
    const column = key.slice(dot + 1);
    if (!isFilterOperator(op) || column === '') continue;
    filters.push({ column, op, value: takesValue(op) ? value : '' });
  }
  return {
    tab: search.get('view') === 'schema' ? 'schema' : 'data',
    page: positiveInteger(search.get('page'), MAX_PAGE) ?? 1,
    pageSize: size !== null && size >= MIN_PAGE_SIZE ? size : DEFAULT_PAGE_SIZE,
    sort: parseSort(search.get('sort')),
    filters,
  };
}

/** The URL parameters of a view, defaults left out so a plain table has a plain URL. */
export function viewSearchParams(state: TableViewState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.tab !== 'data') search.set('view', state.tab);
  if (state.page !== 1) search.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) search.set('size', String(state.pageSize));
  if (state.sort) search.set('sort', `${state.sort.column}.${state.sort.direction}`);
  for (const filter of state.filters) {
    search.append(`f.${filter.op}.${filter.column}`, takesValue(filter.op) ? filter.value : '');
  }
  return search;
}

/** The tables list keeps its name filter in the URL: `?q=events`. */
export interface TableListState {
  q: string;
}

export function parseTableListState(search: URLSearchParams): TableListState {
  return { q: search.get('q')?.trim() ?? '' };
}

export function tableListSearchParams({ q }: TableListState): URLSearchParams {
  return new URLSearchParams(q ? { q } : {});
}

/** A link to a table's rows where `column` equals `value`, from another screen. */
export function rowsWhereHref(workspaceId: string, table: string, column: string, value: string) {
  const search = viewSearchParams({ ...DEFAULT_VIEW, filters: [{ column, op: 'eq', value }] });
  return `${workspacePath(workspaceId, 'tables', table)}?${search.toString()}`;
}
