// The one way to ask before a step that is hard to take back: an in-page dialog (never
// window.confirm, which a Content-Security-Policy and the browser tests cannot rely on).

import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * Asks a question in plain words; resolves true when the person confirms, false on cancel or Escape.
 * danger: the confirm button is red (closing, skipping, ending).
 */
export function confirmDialog({ title, body, confirm, cancel = t('dialog.cancel'), danger = false }) {
  return new Promise((resolve) => {
    const heading = h('h2', { id: 'confirm-title', text: title });
    const text = h('p', { id: 'confirm-body', text: body });
    const yes = h('button', { type: 'button', class: `button${danger ? ' danger' : ''}`, dataset: { testid: 'confirm-yes' }, text: confirm });
    const no = h('button', { type: 'button', class: 'button secondary', dataset: { testid: 'confirm-no' }, text: cancel });
    const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body', dataset: { testid: 'confirm' } },
      heading, text, h('div', { class: 'button-row' }, no, yes));
    let answered = false;
    const answer = (value) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    yes.addEventListener('click', () => answer(true));
    no.addEventListener('click', () => answer(false));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); answer(false); });
    document.body.append(dialog);
    dialog.showModal();
    // The safe choice has the focus: Enter on a stray keypress does not close the workshop.
    no.focus();
  });
}
