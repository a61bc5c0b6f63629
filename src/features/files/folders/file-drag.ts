import { useState, type DragEvent } from 'react';

/**
 * Dragging files of the gallery onto a folder, with the browser's own drag and drop: the drag
 * carries the files' ids under a type of our own, so a folder tells our drags from files dragged
 * in from the desktop (those upload, see files-screen.tsx) and from anything else.
 */
export const FILE_IDS_TYPE = 'application/x-deeplake-file-ids';

/** Starts dragging these files: only our type, so the page's upload overlay stays away. */
export function startFileDrag(event: DragEvent<HTMLElement>, ids: readonly string[]) {
  event.dataTransfer.clearData();
  event.dataTransfer.setData(FILE_IDS_TYPE, JSON.stringify(ids));
  // Also as text, so a drop anywhere else sees a name rather than nothing.
  event.dataTransfer.setData('text/plain', ids.join('\n'));
  event.dataTransfer.effectAllowed = 'move';
}

const carriesFileIds = (event: DragEvent) => event.dataTransfer.types.includes(FILE_IDS_TYPE);

/** The ids a drop carries; anything malformed is none. */
function droppedIds(event: DragEvent): string[] {
  try {
    const ids: unknown = JSON.parse(event.dataTransfer.getData(FILE_IDS_TYPE));
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Props that make an element a place to drop the gallery's files, and whether some are over it
 * now (to show it). `onDrop` gets the ids; `null` turns it off (a viewer's, the folder shown).
 */
export function useFileDropTarget(onDrop: ((ids: string[]) => void) | null) {
  const [over, setOver] = useState(false);
  if (!onDrop) return { over: false, props: {} };
  const props = {
    onDragEnter: (event: DragEvent<HTMLElement>) => {
      if (!carriesFileIds(event)) return;
      event.preventDefault();
      setOver(true);
    },
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!carriesFileIds(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      // Leaving for one of its own children is still being over it.
      const entered = event.relatedTarget;
      if (entered instanceof Node && event.currentTarget.contains(entered)) return;
      setOver(false);
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      if (!carriesFileIds(event)) return;
      event.preventDefault();
      event.stopPropagation();
      setOver(false);
      const ids = droppedIds(event);
      if (ids.length > 0) onDrop(ids);
    },
  };
  return { over, props };
}
