// The tools beside the board, one per seat: the interviewer's script, the reporter's notes, the
// observer's annotations and reflection, the profile after a round, the table
// talk of Deel 3, the card that is open, and who sits at the table. Each panel is built once and
// then updated from the state, leaving alone whatever is being typed.

import { h, fill, debounce, srOnly } from './dom.js';
import { interventions } from './profiles.js';
import { t, tx, formatTime } from './i18n.js';
import { cardOf, cardFace, positionText } from './board.js';
import { currentRound, SEATS, inSeat } from './state.js';
import { autosave, keepDraft, draftKey } from './drafts.js';

/** "Saving…", or, while the connection is down, that it waits for it (the command is in the outbox). */
function savingText(ctx) {
  return t(ctx.bus && ctx.bus.queueing ? 'save.queued' : 'save.saving');
}

/** The draft key of one of this table's fields in a round (0: outside the rounds). */
function tableDraft(ctx, round, field) {
  return draftKey(ctx.room.workshopId, ctx.tableNo, round, field);
}

/** A textarea that saves itself a moment after typing stops (and when it loses focus), its draft kept meanwhile. */
function autosaveField({ ctx, id, label, value, dataset, readOnly, save, rows = 3, placeholder, draft }) {
  const status = h('span', { class: 'save-status', 'aria-live': 'polite' });
  const area = h('textarea', {
    id, rows, dataset, readOnly: !!readOnly, placeholder: placeholder || '',
    'aria-label': label,
  });
  const auto = autosave({ area, status, key: () => draft, save, busy: () => savingText(ctx) });
  auto.show(value, true);
  return {
    area,
    status,
    /** Shows the text the server holds, unless the field is being typed in. */
    set(text) { auto.show(text); },
    setReadOnly(ro) { area.readOnly = ro; },
    flush() { auto.flush(); },
  };
}

// --- the interviewer's script ---

export function scriptPanel(ctx) {
  const list = h('ol', { id: 'script', class: 'script' });
  const prev = h('button', { id: 'question-prev', type: 'button', class: 'button secondary' });
  const next = h('button', { id: 'question-next', type: 'button', class: 'button' });
  const hint = h('p', { class: 'hint' });
  const heading = h('h2', {});
  const el = h('section', { class: 'panel', id: 'script-panel', 'aria-labelledby': 'script-heading' },
    heading, hint, list, h('div', { class: 'button-row script-nav' }, prev, next));
  heading.id = 'script-heading';
  const questions = ctx.deck.script.questions;
  let shownQuestion = null;
  const go = (offset) => {
    const index = questions.findIndex((q) => q.id === ctx.table.questionId);
    const target = index < 0 ? (offset > 0 ? 0 : -1) : index + offset;
    if (target >= 0 && target < questions.length) ctx.send('setQuestion', { questionId: questions[target].id }).catch(() => {});
  };
  prev.addEventListener('click', () => go(-1));
  next.addEventListener('click', () => go(1));
  list.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-question-id]');
    if (button && ctx.can('setQuestion')) ctx.send('setQuestion', { questionId: button.dataset.questionId }).catch(() => {});
  });
  const update = () => {
    heading.textContent = t('script.title');
    prev.textContent = t('script.prev');
    next.textContent = t('script.next');
    const current = ctx.table.questionId;
    const index = questions.findIndex((q) => q.id === current);
    const allowed = ctx.can('setQuestion') && !!currentRound(ctx.table);
    prev.disabled = !allowed || index <= 0;
    next.disabled = !allowed || index >= questions.length - 1;
    prev.setAttribute('aria-label', t('script.prevAria'));
    next.setAttribute('aria-label', t('script.nextAria'));
    hint.textContent = currentRound(ctx.table) ? t('script.hint') : t('script.waiting');
    fill(list, questions.map((q, i) => {
      const isCurrent = q.id === current;
      return h('li', {
        class: `question${isCurrent ? ' current' : ''}`,
        dataset: { questionId: q.id },
        'aria-current': isCurrent ? 'step' : undefined,
      },
      h('button', {
        type: 'button', class: 'question-button', dataset: { questionId: q.id }, disabled: !allowed,
        'aria-label': t('script.goTo', { number: i + 1, text: tx(q.text) }),
      },
      h('span', { class: 'question-number', text: i + 1 }),
      h('span', { class: 'question-text', text: tx(q.text) })),
      q.askedBy && q.askedBy !== 'interviewer' ? h('span', { class: 'asked-by', text: t('script.askedBy', { role: t(`seat.${q.askedBy}`) }) }) : null,
      q.side ? h('span', { class: `side-tag side-${q.side}`, text: tx(ctx.deck.board[q.side].label) }) : null,
      isCurrent && q.steps && q.steps.length ? h('ul', { class: 'steps' }, q.steps.map((s) => h('li', { text: tx(s) }))) : null);
    }));
    // The question being asked stays in sight in a long script.
    const currentItem = list.querySelector('.question.current');
    if (currentItem && current !== shownQuestion) currentItem.scrollIntoView({ block: 'nearest' });
    shownQuestion = current;
  };
  return { el, update };
}

// --- the reporter's notes, one per question ---

export function notesPanel(ctx) {
  const heading = h('h2', { id: 'notes-heading' });
  const hint = h('p', { class: 'hint' });
  const box = h('div', { id: 'notes', class: 'notes' });
  // an earlier round's record can still be finished: the notes belong to the round chosen here
  const roundPick = h('select', { id: 'notes-round' });
  const roundLabel = h('label', { for: 'notes-round', class: 'notes-round' });
  const el = h('section', { class: 'panel', id: 'notes-panel', 'aria-labelledby': 'notes-heading' }, heading, hint,
    h('div', { class: 'notes-round-pick' }, roundLabel, roundPick), box);
  const fields = new Map();
  let builtFor = null;
  let picked = null; // null: follow the current round
  let pickFor = -1; // how many rounds the chooser lists (refilled only when that changes, not while it is open)
  roundPick.addEventListener('change', () => {
    const current = currentRound(ctx.table);
    picked = current && Number(roundPick.value) === current.round ? null : Number(roundPick.value);
    update();
  });
  let shownQuestion = null;
  const update = () => {
    const current = currentRound(ctx.table);
    const round = (picked && ctx.table.rounds.find((r) => r.round === picked)) || current;
    roundLabel.textContent = t('notes.round');
    roundPick.parentElement.hidden = ctx.table.rounds.length < 2;
    if (pickFor !== ctx.table.rounds.length) {
      pickFor = ctx.table.rounds.length;
      fill(roundPick, ctx.table.rounds.map((r) => h('option', { value: r.round, text: t('notes.roundOption', { round: r.round }) })));
    }
    if (round) roundPick.value = String(round.round);
    heading.textContent = round ? t('notes.titleRound', { round: round.round }) : t('notes.title');
    hint.textContent = round ? t('notes.hint') : t('notes.waiting');
    const key = round ? round.round : 0;
    if (builtFor !== key) {
      builtFor = key;
      // what was typed for the round shown so far is saved under that round, not the new one
      fields.forEach((f) => f.flush());
      fields.clear();
      fill(box, ctx.deck.script.questions.map((q, i) => {
        const field = autosaveField({
          ctx,
          label: t('notes.fieldAria', { number: i + 1 }),
          dataset: { questionId: q.id },
          value: round && round.notes ? round.notes[q.id] : '',
          readOnly: !round || !ctx.can('writeNote'),
          save: (text) => ctx.send('writeNote', { questionId: q.id, text, round: key }),
          draft: tableDraft(ctx, key, `note.${q.id}`),
          rows: 3,
        });
        fields.set(q.id, field);
        return h('div', { class: 'note', dataset: { questionId: q.id } },
          h('label', { class: 'note-label' },
            h('span', { class: 'question-number', text: i + 1 }),
            h('span', { text: tx(q.text) })),
          field.area, field.status);
      }));
      // label elements wrap only the text; tie them to their fields for screen readers
      for (const note of box.querySelectorAll('.note')) {
        const area = note.querySelector('textarea');
        area.id = `note-${note.dataset.questionId}`;
        note.querySelector('label').htmlFor = area.id;
      }
    }
    for (const note of box.querySelectorAll('.note')) {
      note.classList.toggle('current', note.dataset.questionId === ctx.table.questionId);
    }
    // The note of the question being asked comes into sight when the interviewer moves on.
    const currentNote = box.querySelector('.note.current');
    if (currentNote && ctx.table.questionId !== shownQuestion && !box.contains(document.activeElement)) {
      currentNote.scrollIntoView({ block: 'nearest' });
    }
    shownQuestion = ctx.table.questionId;
    for (const [questionId, field] of fields) {
      field.set(round && round.notes ? round.notes[questionId] : '');
      field.setReadOnly(!round || !ctx.can('writeNote'));
    }
  };
  return { el, update, flush: () => fields.forEach((f) => f.flush()) };
}

// --- the observer: annotations on the board or a card, and the reflection ---

export function observerPanel(ctx) {
  const heading = h('h2', { id: 'observer-heading' });
  const hint = h('p', { class: 'hint' });
  const target = h('select', { id: 'annotation-target' });
  const targetLabel = h('label', { for: 'annotation-target' });
  const text = h('textarea', { id: 'annotation-text', rows: 2 });
  const textLabel = h('label', { for: 'annotation-text' });
  const add = h('button', { id: 'annotation-add', type: 'button', class: 'button' });
  const list = h('ul', { class: 'annotations', id: 'annotations' });
  const reflectionHeading = h('h3', {});
  const reflection = h('textarea', { id: 'reflection', rows: 5 });
  const reflectionLabel = h('label', { for: 'reflection', class: 'sr-only' });
  const reflectionSave = h('button', { id: 'reflection-save', type: 'button', class: 'button' });
  const reflectionStatus = h('span', { class: 'save-status', 'aria-live': 'polite' });
  const el = h('section', { class: 'panel', id: 'observer-panel', 'aria-labelledby': 'observer-heading' },
    heading, hint, targetLabel, target, textLabel, text, h('div', { class: 'button-row' }, add), list,
    reflectionHeading, reflectionLabel, reflection, h('div', { class: 'button-row' }, reflectionSave, reflectionStatus));
  const roundNo = () => { const r = currentRound(ctx.table); return r ? r.round : 0; };
  const annotationDraft = keepDraft(text, () => tableDraft(ctx, roundNo(), 'annotation'));
  add.addEventListener('click', () => {
    const raw = text.value;
    const value = raw.trim();
    if (!value) {
      text.focus();
      return;
    }
    const placementId = target.value || undefined;
    const waits = ctx.bus.queueing;
    ctx.send('annotate', { placementId, text: value }).then(() => { annotationDraft.sent(raw); if (!waits) text.value = ''; }, () => {});
    if (waits) text.value = ''; // it waits in the outbox for the connection (its draft stays until it is accepted)
  });
  text.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) add.click(); });
  const reflectionAuto = autosave({
    area: reflection, status: reflectionStatus, key: () => tableDraft(ctx, roundNo(), 'reflection'),
    // the reflection belongs to the round it was typed in, even when it is saved after the next one began
    save: (value) => ctx.send('writeReflection', { text: value, round: roundNo() || undefined }), busy: () => savingText(ctx),
  });
  let reflectionRound = null;
  reflectionSave.addEventListener('click', () => reflectionAuto.saveNow());
  const update = () => {
    const round = currentRound(ctx.table);
    heading.textContent = t('observer.title');
    hint.textContent = round ? t('observer.hint') : t('observer.waiting');
    targetLabel.textContent = t('observer.target');
    textLabel.textContent = t('observer.text');
    text.placeholder = t('observer.placeholder');
    add.textContent = t('observer.add');
    reflectionHeading.textContent = t('observer.reflection');
    reflectionLabel.textContent = t('observer.reflection');
    reflection.placeholder = t('observer.reflectionPlaceholder');
    reflectionSave.textContent = t('observer.reflectionSave');
    const allowed = !!round && ctx.can('annotate');
    add.disabled = !allowed;
    text.disabled = !allowed;
    reflectionSave.disabled = !round || !ctx.can('writeReflection');
    reflection.readOnly = !round || !ctx.can('writeReflection');
    const keep = target.value;
    const wanted = ctx.selectedId || keep;
    const placements = [...ctx.table.board.placements].sort((a, b) => a.order - b.order);
    fill(target,
      h('option', { value: '', text: t('observer.wholeBoard') }),
      placements.map((p) => h('option', { value: p.id, text: `${p.order}. ${p.cardId} ${tx(cardOf(ctx.deck, p.cardId).label)}` })));
    target.value = placements.some((p) => p.id === wanted) ? wanted : '';
    fill(list, ctx.table.board.annotations.map((a) => annotationItem(ctx, a)));
    const incoming = (round && round.reflection) || '';
    reflectionAuto.show(incoming, reflectionRound !== roundNo());
    reflectionRound = roundNo();
  };
  return { el, update, flush: () => reflectionAuto.flush() };
}

function annotationItem(ctx, a) {
  const placement = a.placementId ? ctx.table.board.placements.find((p) => p.id === a.placementId) : null;
  const on = a.placementId
    ? t('observer.onCard', { card: placement ? `${placement.order}. ${tx(cardOf(ctx.deck, placement.cardId).label)}` : a.placementId })
    : t('observer.onBoard');
  return h('li', { class: 'annotation', dataset: { annotationId: a.id, placementId: a.placementId || '' } },
    h('span', { class: 'annotation-meta', text: `${on} · ${ctx.nameOf(a.by)} · ${formatTime(a.at)}` }),
    h('span', { class: 'annotation-text', text: a.text }));
}

// --- profile ---

export function profilePanel(ctx) {
  const heading = h('h2', { id: 'profile-heading' });
  const hint = h('p', { class: 'hint' });
  const buttons = h('div', { class: 'profile-buttons', role: 'group' });
  const details = h('div', { class: 'profile-details', id: 'profile-details', 'aria-live': 'polite' });
  const chooser = h('div', { id: 'profile', class: 'profile' }, buttons, details);
  // The outcome cards lie on the board's strip (outcomes.js), no longer ticked here.
  const el = h('section', { class: 'panel', id: 'profile-panel', 'aria-labelledby': 'profile-heading' },
    heading, hint, chooser);
  let preview = null;
  buttons.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    const id = b.dataset.profileId || null;
    if (ctx.can('chooseProfile') && currentRound(ctx.table)) {
      preview = null;
      const round = currentRound(ctx.table);
      ctx.send('setProfile', { profileId: round.profileId === id ? null : id, round: round.round }).catch(() => {});
    } else {
      preview = preview === id ? null : id;
      update();
    }
  });
  const update = () => {
    const round = currentRound(ctx.table);
    const profiles = ctx.deck.profiles || [];
    const allowed = ctx.can('chooseProfile') && !!round;
    heading.textContent = t('profile.title');
    hint.textContent = allowed ? t('profile.hint') : t('profile.hintReadOnly');
    buttons.setAttribute('aria-label', t('profile.title'));
    const chosen = round ? round.profileId : null;
    const shown = preview || chosen;
    fill(buttons, profiles.map((p) => h('button', {
      type: 'button', class: `profile-button${p.id === chosen ? ' chosen' : ''}`,
      dataset: { profileId: p.id }, 'aria-pressed': String(p.id === chosen),
    }, srOnly(t('profile.choose')), h('span', { class: 'profile-letter', text: p.id }), ' ', h('span', { class: 'profile-name', text: tx(p.label) }))));
    const profile = profiles.find((p) => p.id === shown);
    if (!profile) {
      fill(details, h('p', { class: 'muted', text: t('profile.none') }));
    } else {
      fill(details,
        h('h3', { text: `${profile.id} · ${tx(profile.label)}` }),
        profile.selfDirection ? h('p', { class: 'muted', text: tx(profile.selfDirection) }) : null,
        profile.traits && profile.traits.length ? h('ul', { class: 'traits' }, profile.traits.map((x) => h('li', { text: tx(x) }))) : null,
        interventions(profile),
        preview && preview !== chosen ? h('p', { class: 'hint', text: t('profile.preview') }) : null);
    }
  };
  return { el, update };
}

// --- Deel 3: the table talk ---

export function discussionPanel(ctx) {
  const heading = h('h2', { id: 'discussion-heading' });
  const hint = h('p', { class: 'hint' });
  const box = h('div', { id: 'discussion', class: 'discussion' });
  const el = h('section', { class: 'panel', id: 'discussion-panel', 'aria-labelledby': 'discussion-heading' }, heading, hint, box);
  const fields = new Map();
  let built = false;
  const update = () => {
    const allowed = ctx.can('answerDiscussion') && ctx.room.phase !== 'lobby';
    heading.textContent = t('discussion.title');
    // the deck's own heading of the table talk (Deel 3), above the hint
    hint.textContent = `${ctx.deck.discussionTitle ? `${tx(ctx.deck.discussionTitle)}. ` : ''}${allowed ? t('discussion.hint') : t('discussion.hintReadOnly')}`;
    if (!built) {
      built = true;
      fill(box, (ctx.deck.discussion || []).map((p) => {
        const field = autosaveField({
          ctx,
          id: `discussion-${p.id}`,
          label: tx(p.text),
          dataset: { promptId: p.id },
          value: ctx.table.discussion[p.id],
          readOnly: !allowed,
          save: (text) => ctx.send('answerDiscussion', { promptId: p.id, text }),
          draft: tableDraft(ctx, 0, `answer.${p.id}`),
          rows: 4,
        });
        fields.set(p.id, field);
        return h('div', { class: 'prompt', dataset: { promptId: p.id } },
          h('label', { for: `discussion-${p.id}`, text: tx(p.text) }), field.area, field.status);
      }));
    }
    for (const [id, field] of fields) {
      field.set(ctx.table.discussion[id]);
      field.setReadOnly(!allowed);
    }
  };
  return { el, update, flush: () => fields.forEach((f) => f.flush()) };
}

// --- the card that is open: who laid it, when, in which order, why ---

export function detailPanel(ctx) {
  const el = h('section', { class: 'panel detail', id: 'placement-detail', hidden: true, 'aria-labelledby': 'detail-heading', tabindex: '-1' });
  const heading = h('h2', { id: 'detail-heading' });
  const close = h('button', { type: 'button', class: 'icon-button', id: 'detail-close', text: '×' });
  const face = h('div', { class: 'detail-card' });
  const meta = h('dl', { class: 'detail-meta' });
  const explanationLabel = h('label', { for: 'explanation' });
  const explanation = h('textarea', { id: 'explanation', rows: 4 });
  const save = h('button', { id: 'explanation-save', type: 'button', class: 'button' });
  const status = h('span', { class: 'save-status', 'aria-live': 'polite' });
  const linksHeading = h('h3', {});
  const links = h('ul', { class: 'detail-links' });
  const notesHeading = h('h3', {});
  const notes = h('ul', { class: 'annotations' });
  const linkButton = h('button', { type: 'button', class: 'button secondary', id: 'detail-link' });
  const backButton = h('button', { type: 'button', class: 'button secondary', id: 'detail-remove' });
  el.append(h('div', { class: 'panel-head' }, heading, close), face, meta, explanationLabel, explanation,
    h('div', { class: 'button-row' }, save, status), h('div', { class: 'button-row' }, linkButton, backButton),
    linksHeading, links, notesHeading, notes);
  let shownId = null;
  const roundNo = () => { const r = currentRound(ctx.table); return r ? r.round : 0; };
  const auto = autosave({
    area: explanation, status, key: () => (shownId ? tableDraft(ctx, roundNo(), `explanation.${shownId}`) : null),
    save: (text) => ctx.send('explainCard', { placementId: shownId, text }), busy: () => savingText(ctx),
  });
  close.addEventListener('click', () => ctx.selectPlacement(null));
  explanation.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save.click(); });
  save.addEventListener('click', () => auto.saveNow());
  linkButton.addEventListener('click', () => ctx.startLinkFrom(shownId));
  backButton.addEventListener('click', () => ctx.send('removeCard', { placementId: shownId }).then(() => ctx.selectPlacement(null), () => {}));
  links.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-link-id]');
    if (b) ctx.send('unlinkCards', { linkId: b.dataset.linkId }).catch(() => {});
  });
  el.addEventListener('keydown', (e) => { if (e.key === 'Escape') ctx.selectPlacement(null); });
  const update = () => {
    const p = ctx.selectedId ? ctx.table.board.placements.find((x) => x.id === ctx.selectedId) : null;
    el.hidden = !p;
    // Another card (or none): what was typed for the last one is sent first; its draft stays until accepted.
    const switched = shownId !== (p ? p.id : null);
    if (switched) auto.flush();
    if (!p) {
      shownId = null;
      return;
    }
    const card = cardOf(ctx.deck, p.cardId);
    if (switched) shownId = p.id;
    heading.textContent = t('detail.title', { number: p.order });
    close.setAttribute('aria-label', t('common.close'));
    fill(face, cardFace(ctx.deck, card, { description: true }));
    fill(meta,
      h('dt', { text: t('detail.placedBy') }), h('dd', { text: ctx.nameOf(p.placedBy) }),
      h('dt', { text: t('detail.order') }), h('dd', { text: t('detail.orderValue', { number: p.order }) }),
      h('dt', { text: t('detail.at') }), h('dd', { text: formatTime(p.placedAt) }),
      h('dt', { text: t('detail.position') }), h('dd', { text: positionText(ctx.deck, p) }));
    const canLay = ctx.canLay();
    explanationLabel.textContent = t('detail.explanation');
    explanation.placeholder = canLay ? t('detail.explanationPlaceholder') : '';
    explanation.readOnly = !canLay;
    save.textContent = t('detail.save');
    save.disabled = !canLay;
    auto.show(p.explanation || '', switched);
    linkButton.textContent = t('detail.link');
    linkButton.disabled = !canLay;
    backButton.textContent = t('detail.remove');
    backButton.disabled = !canLay;
    const mine = ctx.table.board.links.filter((l) => l.fromPlacementId === p.id || l.toPlacementId === p.id);
    linksHeading.textContent = t('detail.links');
    linksHeading.hidden = !mine.length;
    fill(links, mine.map((l) => {
      const otherId = l.fromPlacementId === p.id ? l.toPlacementId : l.fromPlacementId;
      const other = ctx.table.board.placements.find((x) => x.id === otherId);
      const name = other ? `${other.order}. ${tx(cardOf(ctx.deck, other.cardId).label)}` : otherId;
      return h('li', {}, h('span', { text: l.label ? `${name} — “${l.label}”` : name }),
        canLay ? h('button', { type: 'button', class: 'link-button', dataset: { linkId: l.id }, text: t('detail.unlink'), 'aria-label': t('detail.unlinkAria', { card: name }) }) : null);
    }));
    const cardNotes = ctx.table.board.annotations.filter((a) => a.placementId === p.id);
    notesHeading.textContent = t('detail.annotations');
    notesHeading.hidden = !cardNotes.length;
    fill(notes, cardNotes.map((a) => annotationItem(ctx, a)));
  };
  return { el, update, focus: () => el.focus(), flush: () => auto.flush() };
}

// --- who sits at the table, and taking another free seat ---

export function peoplePanel(ctx) {
  const heading = h('h2', { id: 'people-heading' });
  const list = h('ul', { class: 'people', id: 'people' });
  const claimLabel = h('label', { for: 'seat-claim' });
  const claim = h('select', { id: 'seat-claim' });
  const claimButton = h('button', { type: 'button', class: 'button secondary', id: 'seat-claim-apply' });
  const claimRow = h('div', { class: 'claim' }, claimLabel, h('div', { class: 'inline' }, claim, claimButton));
  const el = h('section', { class: 'panel', id: 'people-panel', 'aria-labelledby': 'people-heading' }, heading, list, claimRow);
  claimButton.addEventListener('click', () => { if (claim.value) ctx.send('claimSeat', { role: claim.value }, { workshop: true }).catch(() => {}); });
  const update = () => {
    heading.textContent = t('people.title');
    const tableNo = ctx.table.table;
    const rows = [];
    for (const seat of SEATS) {
      const people = inSeat(ctx.room, tableNo, seat);
      if (!people.length && seat === 'shared') continue;
      if (!people.length) {
        rows.push(h('li', { class: 'person empty', dataset: { seat } },
          h('span', { class: 'seat-name', text: t(`seat.${seat}`) }), h('span', { class: 'muted', text: t('people.free') })));
      }
      for (const p of people) {
        const online = ctx.presence.has(p.participantId);
        rows.push(h('li', { class: 'person', dataset: { seat, participantId: p.participantId, online: String(online) } },
          h('span', { class: 'seat-name', text: t(`seat.${seat}`) }),
          h('span', { class: 'person-name', text: p.name + (p.participantId === ctx.myId ? ` (${t('people.you')})` : '') }),
          h('span', { class: `presence ${online ? 'on' : 'off'}`, role: 'img', 'aria-label': online ? t('people.online') : t('people.offline'), title: online ? t('people.online') : t('people.offline') })));
      }
    }
    fill(list, rows);
    const me = ctx.me;
    claimRow.hidden = !me || ctx.room.phase === 'closed';
    if (me) {
      claimLabel.textContent = t('people.claim');
      claimButton.textContent = t('people.claimApply');
      const free = SEATS.filter((s) => s !== me.seat && (s === 'shared' || inSeat(ctx.room, tableNo, s).length === 0));
      const keep = claim.value;
      fill(claim, free.map((s) => h('option', { value: s, text: t(`seat.${s}`) })));
      if (free.includes(keep)) claim.value = keep;
      claimButton.disabled = !free.length;
    }
  };
  return { el, update };
}

/** A short sentence on what this seat does in the game (WORKSHOP.md's table of roles). */
export function roleHelp(ctx) {
  const el = h('section', { class: 'panel role-help', id: 'role-help' });
  const update = () => {
    const seat = ctx.seat || ctx.role;
    fill(el, h('h2', { text: t('rolehelp.title', { seat: t(`seat.${seat}`) }) }), h('p', { text: t(`rolehelp.${seat}`) }));
  };
  return { el, update };
}
