import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { FileActionsMenu, type FileActions } from './file-actions-menu';

const file: FileInfo = {
  id: 'f-1',
  filename: 'beach.png',
  content_type: 'image/png',
  size: 10,
  created_at: '2024-05-01T10:00:00Z',
};

function setup() {
  const actions: FileActions = {
    preview: vi.fn(),
    download: vi.fn(),
    copyId: vi.fn(),
    remove: vi.fn(),
  };
  render(<FileActionsMenu file={file} actions={actions} />);
  return { actions, user: userEvent.setup() };
}

describe('FileActionsMenu', () => {
  it('opens on click, though the menu is only made then, and runs the chosen action', async () => {
    const { actions, user } = setup();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Actions for beach.png' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy ID' }));

    expect(actions.copyId).toHaveBeenCalledWith(file);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('opens with the keyboard, and Escape gives the focus back to its button', async () => {
    const { actions, user } = setup();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Actions for beach.png' })).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(await screen.findByRole('menu')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Actions for beach.png' })).toHaveFocus();

    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    expect(actions.remove).toHaveBeenCalledWith(file);
  });
});
