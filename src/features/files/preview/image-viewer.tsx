import clsx from 'clsx';
import { Maximize, ZoomIn, ZoomOut } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { fitScale, nextZoom, ZOOM_STEPS, type Size, type Zoom } from './zoom';

/**
 * An image, fitted to the frame at first; zoom with the buttons, the + / - / 0 keys, or a click
 * (fit ↔ actual size). When zoomed, the frame scrolls. Give it `key={src}` so that another
 * image starts fitted again.
 */
export function ImageViewer({ src, alt }: { src: string; alt: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [natural, setNatural] = useState<Size | null>(null);
  const [frameSize, setFrameSize] = useState<Size | null>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() =>
      setFrameSize({ width: element.clientWidth, height: element.clientHeight }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scale = zoom === 'fit' ? fitScale(frameSize, natural) : zoom;
  const zoomBy = (direction: 1 | -1) => setZoom(nextZoom(scale, direction));
  const percent = Math.round(scale * 100);

  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === '+' || event.key === '=') zoomBy(1);
    else if (event.key === '-') zoomBy(-1);
    else if (event.key === '0') setZoom('fit');
    else return;
    event.preventDefault();
  }

  return (
    <div className="flex h-full min-h-0 flex-col" onKeyDown={onKeyDown}>
      <div
        role="toolbar"
        aria-label="Zoom"
        className="flex items-center justify-center gap-1 border-b border-border px-2 py-1.5"
      >
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={zoom === 'fit'}
          onClick={() => setZoom('fit')}
          title="Fit to the window (0)"
        >
          <Maximize aria-hidden className="size-4" />
          Fit
        </Button>
        <IconButton
          label="Zoom out"
          title="Zoom out (-)"
          icon={ZoomOut}
          onClick={() => zoomBy(-1)}
          disabled={scale <= ZOOM_STEPS[0] + 1e-6}
        />
        <output
          aria-live="polite"
          aria-label="Zoom level"
          className="w-14 text-center text-sm tabular-nums text-muted"
        >
          {percent}%
        </output>
        <IconButton
          label="Zoom in"
          title="Zoom in (+)"
          icon={ZoomIn}
          onClick={() => zoomBy(1)}
          disabled={scale >= ZOOM_STEPS.at(-1)! - 1e-6}
        />
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={zoom === 1}
          aria-label="Actual size"
          onClick={() => setZoom(1)}
          title="Actual size (100%)"
        >
          1:1
        </Button>
      </div>
      <div
        ref={frame}
        className={clsx(
          'relative min-h-0 flex-1 bg-canvas',
          zoom === 'fit' ? 'flex items-center justify-center overflow-hidden p-2' : 'overflow-auto',
        )}
      >
        <img
          src={src}
          alt={alt}
          draggable={false}
          onLoad={(event) =>
            setNatural({
              width: event.currentTarget.naturalWidth,
              height: event.currentTarget.naturalHeight,
            })
          }
          onClick={() => setZoom(zoom === 'fit' ? 1 : 'fit')}
          className={clsx(
            'select-none',
            zoom === 'fit'
              ? 'max-h-full max-w-full cursor-zoom-in object-contain'
              : 'm-auto max-w-none cursor-zoom-out',
          )}
          style={
            zoom !== 'fit' && natural
              ? { width: natural.width * zoom, height: natural.height * zoom }
              : undefined
          }
        />
      </div>
    </div>
  );
}
