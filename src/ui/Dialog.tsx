/** A modal built on <dialog>: focus is trapped, Escape closes, focus returns where it was. */
import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
  testId?: string;
}

export function Dialog({ open, title, onClose, children, className, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <>
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="small" onClick={onClose} aria-label={`Close ${title}`}>
              ✕
            </button>
          </div>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

export interface ConfirmProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  danger?: boolean;
}

export function Confirm({ open, title, message, confirmLabel, onConfirm, onCancel, danger }: ConfirmProps) {
  return (
    <Dialog open={open} title={title} onClose={onCancel} testId="confirm">
      <div className="dialog-body">{message}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger-button' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

export const SHORTCUTS: [string, string][] = [
  ['Space', 'Play or pause virtual time (also right after clicking a button)'],
  ['→', 'Step: to the next event, or one second on'],
  ['N', 'Jump to the next scheduled engine event'],
  ['/', 'Focus the operation picker'],
  ['Ctrl+Enter / ⌘+Enter', 'Send the request'],
  ['PageDown', 'In a lesson: Next (as a presentation clicker sends)'],
  ['PageUp', 'In a lesson: Back to the previous stop'],
  ['Shift+P', 'Presenter mode on or off'],
  ['?', 'Show this list'],
  ['Esc', 'Close a dialog'],
  ['← →', 'On the tabs of a view cell: show the view before or after'],
  ['← → ↑ ↓, Home, End', 'In Shard lanes (click or Tab to it): pick a record; the inspector shows it'],
];

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} testId="help">
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Space, →, N, /, PageUp, PageDown and Shift+P work whenever the focus is not in a text field. Every control is
        reachable with Tab.
      </p>
    </Dialog>
  );
}
