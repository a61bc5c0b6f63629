/** Zoom levels stepped through by the zoom buttons and the + and - keys. */
export const ZOOM_STEPS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8] as const;

export type Zoom = 'fit' | number;

export interface Size {
  width: number;
  height: number;
}

/** The scale at which the whole image fits its frame (never above 1: fit does not enlarge). */
export function fitScale(frame: Size | null, natural: Size | null): number {
  if (!frame || !natural || natural.width === 0 || natural.height === 0) return 1;
  return Math.min(1, frame.width / natural.width, frame.height / natural.height);
}

export function nextZoom(current: number, direction: 1 | -1): number {
  if (direction === 1)
    return ZOOM_STEPS.find((step) => step > current + 1e-6) ?? ZOOM_STEPS.at(-1)!;
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 1e-6) ?? ZOOM_STEPS[0];
}
