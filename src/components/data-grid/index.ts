export { DataGrid } from './data-grid';
export { CellValue, FullValue, NullValue } from './cell-value';
export { cellText, formatTypeName } from './cell-format';
export { nextSort } from './grid-sort';
export { copyText } from './copy';
export type { DataGridProps, GridCellContext, GridColumn, GridSort } from './types';
