// The sign-in box: asks for the API token; the shell keeps it in sessionStorage.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function loginView({ message, onToken }) {
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true, testid: 'login-token', placeholder: t('login.token') });
  const form = h('form', { class: 'login card', testid: 'login-form', onsubmit: (e) => {
    e.preventDefault();
    if (input.value.trim()) onToken(input.value.trim());
  } },
  h('h1', null, t('login.title')),
  h('p', { class: 'muted' }, t('login.hint')),
  h('label', { for: 'token' }, t('login.token')),
  input,
  message ? h('p', { class: 'error-text', testid: 'login-error' }, message) : null,
  h('button', { type: 'submit', class: 'primary', testid: 'login-submit' }, t('login.submit')));
  return h('div', { class: 'login-wrap' }, form);
}
