import type { LucideIcon } from 'lucide-react';
import { Button } from './button';

/** A row action shown as an icon: `label` is its accessible name ("Delete acme"). */
export function IconButton({
  label,
  title,
  icon: Icon,
  danger = false,
  onClick,
}: {
  label: string;
  title: string;
  icon: LucideIcon;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      title={title}
      className={danger ? 'hover:text-danger' : undefined}
      onClick={onClick}
    >
      <Icon aria-hidden className="size-4" />
    </Button>
  );
}
