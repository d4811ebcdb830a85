import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
  /** Whom the dialog acts on (e.g. "For user Alice"), shown under the title and announced as its description. */
  readonly subject?: ReactNode;
}

/**
 * A modal dialog: focus moves in on open and back out on close; Escape closes; Tab stays inside.
 * Initial focus (WAI-ARIA APG dialog pattern): an element marked `data-autofocus`, else the first
 * form field outside a table (per-row controls are not where a dialog starts), else the first
 * safe action of the dialog's buttons (never a destructive one), else the dialog itself.
 */
export function Dialog({ title, onClose, children, wide, subject }: DialogProps) {
  const titleId = useId();
  const subjectId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const node = ref.current;
    (initialFocus(node) ?? node)?.focus({ preventScroll: true });
    // Nothing opens scrolled: the title and first columns are what the eye looks for.
    if (node) {
      node.scrollTop = 0;
      node.scrollLeft = 0;
    }
    return () => previous?.focus?.();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
    if (e.key === 'Tab') trapTab(e, ref.current);
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={subject ? subjectId : undefined}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {subject && (
          <p id={subjectId} className="dialog-subject">
            {subject}
          </p>
        )}
        {children}
      </div>
    </div>
  );
}

const FIELDS = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';

export function initialFocus(node: HTMLElement | null): HTMLElement | undefined {
  if (!node) return undefined;
  const marked = node.querySelector<HTMLElement>('[data-autofocus]');
  if (marked) return marked;
  const field = Array.from(node.querySelectorAll<HTMLElement>(FIELDS)).find((el) => !el.closest('table'));
  if (field) return field;
  return Array.from(node.querySelectorAll<HTMLButtonElement>('.dialog-actions button:not([disabled])')).find(
    (b) => !b.classList.contains('danger'),
  );
}

function trapTab(e: React.KeyboardEvent, container: HTMLElement | null) {
  if (!container) return;
  const focusable = Array.from(
    container.querySelectorAll<HTMLElement>(
      'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]',
    ),
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
