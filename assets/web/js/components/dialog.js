import { useEffect, useId, useRef } from 'preact/hooks';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { SubmitButton } from './form.js';

/**
 * A modal built on <dialog>: the browser traps focus, Esc closes it (the close event tells
 * the owner), and focus returns to the button that opened it.
 */
export function Dialog({ open, title, onClose, children }) {
  const ref = useRef(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return html`<dialog ref=${ref} class="dialog" aria-labelledby=${titleId} onClose=${onClose}>
    <h2 id=${titleId}>${title}</h2>
    ${open && children}
  </dialog>`;
}

/** A dialog form's buttons: submit (busy while the action runs) and cancel, which closes it. */
export function DialogActions({ busy, label, busyLabel, kind, onCancel }) {
  return html`<div class="form-actions">
    <${SubmitButton} busy=${busy} label=${label} busyLabel=${busyLabel} kind=${kind} />
    <button type="button" class="btn btn-secondary" onClick=${onCancel}>
      ${t('common.cancel')}
    </button>
  </div>`;
}
