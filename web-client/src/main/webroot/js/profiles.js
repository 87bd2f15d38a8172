// What works for whom ("Wat werkt voor wie?"): a profile's rule, how the study typed it, and the
// interventions that work and work less. One drawing for the table's profile panel and the console.

import { h } from './dom.js';
import { t, tx } from './i18n.js';

/** The profile's rule and characterisation, then what works and what works less (each only if the deck has it). */
export function interventions(profile) {
  const list = (items) => h('ul', {}, (items || []).map((x) => h('li', { text: tx(x) })));
  const works = [
    profile.worksWell && profile.worksWell.length ? h('div', { class: 'works-well' }, h('h4', { text: t('profile.worksWell') }), list(profile.worksWell)) : null,
    profile.worksLess && profile.worksLess.length ? h('div', { class: 'works-less' }, h('h4', { text: t('profile.worksLess') }), list(profile.worksLess)) : null,
  ].filter(Boolean);
  return [
    profile.rule ? h('p', { class: 'profile-rule', dataset: { testid: 'profile-rule' }, text: tx(profile.rule) }) : null,
    profile.characterisation && profile.characterisation.length
      ? h('div', { class: 'profile-characterisation' }, h('h4', { text: t('profile.characterisation') }), list(profile.characterisation)) : null,
    works.length ? h('div', { class: 'works' }, works) : null,
  ];
}
