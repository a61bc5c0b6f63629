import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';

function Harness(props: Partial<ConfirmDialogProps>) {
  const [open, setOpen] = useState(true);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title="Delete organization"
      description="All its workspaces, tables and files are deleted."
      confirmLabel="Delete organization"
      confirmationText="acme"
      onConfirm={() => {}}
      {...props}
    />
  );
}

describe('ConfirmDialog', () => {
  it('only confirms once the exact id is typed', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);

    const dialog = screen.getByRole('alertdialog', { name: 'Delete organization' });
    expect(dialog).toHaveAccessibleDescription(/workspaces, tables and files/);
    const confirm = screen.getByRole('button', { name: 'Delete organization' });
    expect(confirm).toBeDisabled();

    await user.type(screen.getByLabelText('Type acme to confirm'), 'acm');
    expect(confirm).toBeDisabled();
    await user.type(screen.getByLabelText('Type acme to confirm'), 'e{Enter}');
    expect(confirm).toBeEnabled();
    expect(onConfirm).toHaveBeenCalledTimes(1);

    await user.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(2);
  });

  it('is case-sensitive: a near miss does not delete', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);

    await user.type(screen.getByLabelText('Type acme to confirm'), 'ACME{Enter}');

    expect(screen.getByRole('button', { name: 'Delete organization' })).toBeDisabled();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('shows the server error in the dialog and keeps it open', () => {
    render(<Harness error="Only admins can delete an organization." />);

    expect(screen.getByRole('alert')).toHaveTextContent('Only admins can delete an organization.');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
  });

  it('starts empty again after being cancelled and reopened', async () => {
    const user = userEvent.setup();
    function Reopenable() {
      const [open, setOpen] = useState(true);
      return (
        <>
          <button onClick={() => setOpen(true)}>Open</button>
          <ConfirmDialog
            open={open}
            onOpenChange={setOpen}
            title="Delete workspace"
            description="All its tables and files are deleted."
            confirmLabel="Delete workspace"
            confirmationText="ws"
            onConfirm={() => {}}
          />
        </>
      );
    }
    render(<Reopenable />);

    await user.type(screen.getByLabelText('Type ws to confirm'), 'ws');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open' }));

    expect(screen.getByLabelText('Type ws to confirm')).toHaveValue('');
  });

  it('asks for a plain confirmation when there is nothing to type', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(
      <Harness
        title="Remove member"
        confirmLabel="Remove member"
        confirmationText={undefined}
        onConfirm={onConfirm}
      />,
    );

    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove member' }));
    expect(onConfirm).toHaveBeenCalled();
  });
});
